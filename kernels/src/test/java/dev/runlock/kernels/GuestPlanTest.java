package dev.runlock.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuestPlanTest {

    private static final List<KernelSpec> MATRIX = List.of(spec("host", 7), spec("bullseye", 0), spec("bookworm", 2),
            spec("trixie", 6), spec("bpo-7.3", 11));

    @Test
    void newestAndOldestLandlockKernelsRunTheCliTestsToo() {
        assertThat(GuestPlan.of(MATRIX.get(4), MATRIX, false)).as("the newest runs the whole suite")
                .isEqualTo(new GuestPlan("all", true));
        assertThat(GuestPlan.of(MATRIX.get(2), MATRIX, false)).isEqualTo(new GuestPlan("features", true));
        assertThat(GuestPlan.of(MATRIX.get(3), MATRIX, false)).isEqualTo(new GuestPlan("features", false));
    }

    @Test
    void othersRunTheFeatureCasesOnlyAndFullRunsEverything() {
        assertThat(GuestPlan.of(MATRIX.get(0), MATRIX, false)).isEqualTo(new GuestPlan("features", false));
        assertThat(GuestPlan.of(MATRIX.get(1), MATRIX, false)).isEqualTo(new GuestPlan("features", false));
        assertThat(GuestPlan.of(MATRIX.get(3), MATRIX, true)).isEqualTo(new GuestPlan("all", false));
        assertThat(GuestPlan.of(MATRIX.get(4), MATRIX, true)).isEqualTo(new GuestPlan("all", true));
        assertThat(GuestPlan.of(MATRIX.get(2), MATRIX, true)).isEqualTo(new GuestPlan("all", true));
    }

    private static KernelSpec spec(String name, int abi) {
        return new KernelSpec(name, new KernelSource.Host(), abi);
    }
}
