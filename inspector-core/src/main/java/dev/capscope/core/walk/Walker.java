package dev.capscope.core.walk;

import dev.capscope.core.model.CapMapEntry;
import dev.capscope.core.model.CapSpace;
import dev.capscope.core.model.Selectors;
import dev.capscope.core.model.ThreadInfo;
import dev.capscope.core.profile.LayoutProfile;
import dev.capscope.core.profile.ProfileGuess;
import dev.capscope.core.profile.ProfileGuesser;
import dev.capscope.core.profile.SelectorLayout;
import dev.capscope.core.target.CapInfo;
import dev.capscope.core.target.Target;
import dev.capscope.core.target.TargetException;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Walks one task's capability space over 0..4296 through the {@link Target} port in a handful of
 * batched calls: validity of the whole range, cap infos of the whole range (in chunks only when
 * constructed with a smaller chunk), threads, cap map.
 *
 * <p>Before the calls of a walk the walker announces them ({@link Target#announceWalks}): a target
 * that pipelines sends them all at once, so a walk costs one round trip, and {@link #walkAll} one
 * round trip for many tasks.
 *
 * <p>A walk is several calls; a target that changes in between would give a torn view. The walker
 * compares the task's generation before and after and walks again (up to {@code maxAttempts}
 * times) when it moved; answers that contradict each other while the generation moved count as torn
 * too. When every attempt was torn, the walk throws {@link TornWalkException} (holding the last
 * attempt), never a torn space dressed as a consistent one.
 *
 * <p>With a {@link GenerationCache}, a walk whose task generation equals that of the cached walk
 * of the same task and target costs one GENERATION request and returns the cached answers.
 */
public final class Walker {
    /** Cap infos of the whole range in one request: what a pipelined walk announces. */
    public static final int DEFAULT_CHUNK = Selectors.COUNT;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final Target target;
    private final int chunk;
    private final int maxAttempts;
    private final GenerationCache cache;

    public Walker(Target target) {
        this(target, DEFAULT_CHUNK, DEFAULT_MAX_ATTEMPTS);
    }

    /** A walker that skips walks of unchanged tasks through {@code cache} (null: always walk). */
    public Walker(Target target, GenerationCache cache) {
        this(target, DEFAULT_CHUNK, DEFAULT_MAX_ATTEMPTS, cache);
    }

    public Walker(Target target, int chunk, int maxAttempts) {
        this(target, chunk, maxAttempts, null);
    }

    public Walker(Target target, int chunk, int maxAttempts, GenerationCache cache) {
        this.target = Objects.requireNonNull(target, "target");
        if (chunk < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("chunk and maxAttempts must be >= 1");
        }
        this.chunk = chunk;
        this.maxAttempts = maxAttempts;
        this.cache = cache;
    }

    public CapSpace walk(String task, LayoutProfile profile) {
        return walk(task, profile, WalkListener.NONE, CancellationToken.none());
    }

    /**
     * @throws WalkCancelledException when {@code cancel} was cancelled before the walk finished
     * @throws TargetException        when the target fails, or PROTOCOL when its answers contradict each other
     */
    public CapSpace walk(String task, LayoutProfile profile, WalkListener listener, CancellationToken cancel) {
        SelectorLayout layout = SelectorLayout.of(profile);
        RawWalk raw = walkRaw(task, listener, cancel);
        listener.progress(WalkPhase.ASSEMBLE, 0.97);
        CapSpace space = CapSpaceAssembler.assemble(raw, layout);
        listener.progress(WalkPhase.DONE, 1.0);
        return space;
    }

    /**
     * Walks without knowing the profile (a target that does not say, or says one the user
     * doubts): guesses it from the answers, then names the slots by the guess.
     */
    public GuessedWalk walkGuessingProfile(String task, ProfileGuesser guesser, WalkListener listener,
                                           CancellationToken cancel) {
        RawWalk raw = walkRaw(task, listener, cancel);
        ProfileGuess guess = guesser.guess(raw.validity(), raw.capMap(), raw.threads().size());
        listener.progress(WalkPhase.ASSEMBLE, 0.97);
        CapSpace space = CapSpaceAssembler.assemble(raw, SelectorLayout.of(guess.profile()));
        listener.progress(WalkPhase.DONE, 1.0);
        return new GuessedWalk(space, guess);
    }

    /**
     * Walks every task of {@code tasks} (in order), announcing as many walks at once as the target
     * takes, so a pipelining target answers them all in one round trip. Tasks whose walk the cache
     * holds are checked with one GENERATION each instead, as {@link #walk} does.
     */
    public List<CapSpace> walkAll(List<String> tasks, LayoutProfile profile) {
        SelectorLayout layout = SelectorLayout.of(profile);
        List<CapSpace> out = new ArrayList<>(tasks.size());
        int i = 0;
        while (i < tasks.size()) {
            int fresh = i;
            while (fresh < tasks.size() && (cache == null || !cache.knows(target, tasks.get(fresh)))) {
                fresh++;
            }
            int announced = fresh > i && pipelined() ? target.announceWalks(tasks.subList(i, fresh), true) : 0;
            for (int k = 0; k < Math.max(1, announced); k++, i++) {
                RawWalk raw = walkRaw(tasks.get(i), WalkListener.NONE, CancellationToken.none(), announced > 0);
                out.add(CapSpaceAssembler.assemble(raw, layout));
            }
        }
        return out;
    }

    /** The target's answers without a profile applied, e.g. to guess the profile first. */
    public RawWalk walkRaw(String task, WalkListener listener, CancellationToken cancel) {
        return walkRaw(task, listener, cancel, false);
    }

    /** Whether this walker's calls are the ones {@link Target#announceWalks} announces. */
    private boolean pipelined() {
        return chunk >= Selectors.COUNT;
    }

    private RawWalk walkRaw(String task, WalkListener listener, CancellationToken cancel, boolean announced) {
        Objects.requireNonNull(task, "task");
        cancel.throwIfCancelled("starting");
        // Without a remembered walk, the first GENERATION rides in the walk's batch; with one, it is
        // asked alone first, since an unchanged task then needs nothing else (a few bytes on a serial line).
        boolean remembered = cache != null && cache.knows(target, task);
        if (!announced && !remembered && pipelined()) {
            target.announceWalks(List.of(task), true);
        }
        long before = target.generation(task);
        RawWalk known = cache == null ? null : cache.unchanged(target, task, before);
        if (known != null) {
            return known;
        }
        RawWalk raw = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            cancel.throwIfCancelled("starting");
            if (pipelined() && (attempt > 1 || remembered)) {
                target.announceWalks(List.of(task), false); // the walk and the GENERATION after it
            }
            TargetException contradiction = null;
            try {
                raw = fetch(task, before, listener, cancel);
            } catch (TargetException e) {
                if (e.code() != TargetException.Code.PROTOCOL) {
                    throw e;
                }
                contradiction = e; // answers that contradict each other: torn, or a faulty agent
                raw = null;
            }
            long after = target.generation(task);
            if (after == before) {
                if (contradiction != null) {
                    throw contradiction; // the task did not move: the agent contradicted itself
                }
                if (cache != null) {
                    cache.remember(target, raw);
                }
                return raw;
            }
            before = after; // the next attempt is stamped with the generation read just before it
        }
        throw new TornWalkException(task, maxAttempts, raw);
    }

    private RawWalk fetch(String task, long generation, WalkListener listener, CancellationToken cancel) {
        listener.progress(WalkPhase.VALIDITY, 0.0);
        BitSet validity = target.validity(task, Selectors.FIRST, Selectors.LAST);
        CapSpaceAssembler.checkValidityInRange(validity, Selectors.FIRST, Selectors.LAST);
        listener.progress(WalkPhase.VALIDITY, 0.1);

        List<CapInfo> infos = new ArrayList<>(validity.cardinality());
        for (int first = Selectors.FIRST; first <= Selectors.LAST; first += chunk) {
            cancel.throwIfCancelled("reading cap infos at " + Selectors.format(first));
            int last = Math.min(Selectors.LAST, first + chunk - 1);
            if (validity.get(first, last + 1).isEmpty()) {
                continue;
            }
            List<CapInfo> part = target.capInfos(task, first, last);
            CapSpaceAssembler.checkInfosInRange(part, first, last);
            infos.addAll(part);
            listener.progress(WalkPhase.CAP_INFOS, 0.1 + 0.75 * (last + 1) / Selectors.COUNT);
        }

        cancel.throwIfCancelled("reading threads");
        List<ThreadInfo> threads = target.threads(task);
        listener.progress(WalkPhase.THREADS, 0.9);

        cancel.throwIfCancelled("reading the cap map");
        List<CapMapEntry> capMap = target.capMap(task);
        listener.progress(WalkPhase.CAP_MAP, 0.95);
        cancel.throwIfCancelled("building the cap space");
        return new RawWalk(task, generation, validity, infos, threads, capMap);
    }
}
