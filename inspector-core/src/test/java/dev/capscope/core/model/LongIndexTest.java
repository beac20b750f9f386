package dev.capscope.core.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongIndexTest {
    @Test
    void keepsTheFirstPositionOfEveryKeyLikeAMap() {
        Random random = new Random(15);
        LongIndex index = new LongIndex(600);
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            // ids that collide in low bits, negative keys of unidentified objects, and repeats
            long key = switch (i % 4) {
                case 0 -> (long) i << 32;
                case 1 -> KernelObject.unidentifiedKey(i);
                case 2 -> random.nextInt(50);
                default -> random.nextLong();
            };
            Integer before = expected.putIfAbsent(key, i);
            assertEquals(before == null ? -1 : before, index.putIfAbsent(key, i), "key " + key);
        }
        assertEquals(expected.size(), index.size());
        expected.forEach((key, position) -> assertEquals(position, index.get(key), "key " + key));
        assertEquals(-1, index.get(Long.MIN_VALUE + 7));
    }

    @Test
    void refusesMoreKeysThanItWasMadeFor() {
        LongIndex index = new LongIndex(2);
        index.putIfAbsent(1, 0);
        index.putIfAbsent(2, 1);
        assertEquals(1, index.putIfAbsent(2, 5), "a key already there is no new key");
        assertThrows(IllegalStateException.class, () -> index.putIfAbsent(3, 2));
    }
}
