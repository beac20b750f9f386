/* Replays files through the fuzz target without libFuzzer (gcc builds, make check):
 * replay [FILE...] (default: every file in CORPUS_DIR, the seed corpus and saved crashes);
 * prints "N passed, 0 failed" when none crashed (a crash aborts under ASan). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CORPUS_DIR
#define CORPUS_DIR "bridge/fuzz/corpus"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path, int done);

int main(int argc, char **argv)
{
	int done = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if ((done = replay(argv[i], done)) < 0) return 1;
	} else {
		DIR *d = opendir(CORPUS_DIR);
		struct dirent *de;
		char path[4096];
		if (!d) {
			fprintf(stderr, "replay: no corpus at %s\n", CORPUS_DIR);
			printf("0 passed, 1 failed\n");
			return 1;
		}
		while ((de = readdir(d)))
			if (de->d_name[0] != '.') {
				snprintf(path, sizeof path, "%s/%s", CORPUS_DIR, de->d_name);
				if ((done = replay(path, done)) < 0) return 1;
			}
		closedir(d);
	}
	printf("%d passed, 0 failed\n", done);
	return done > 0 ? 0 : 1;
}

/* Returns the new count, or -1 when the file cannot be read. */
static int replay(const char *path, int done)
{
	static uint8_t buf[1 << 21];
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		printf("%d passed, 1 failed\n", done);
		return -1;
	}
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	uint8_t *exact = malloc(n ? n : 1); /* exact size: ASan sees any overread */
	memcpy(exact, buf, n);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return done + 1;
}
