package dev.capscope.core.model;

/**
 * Kernel object kinds as Fiasco's debugger object-info names them. User space learns a kind only
 * through the debugger object on JDB-enabled kernels, so {@link #UNKNOWN} is a first-class value:
 * shown as such, never guessed.
 */
public enum ObjectKind {
    TASK("Task"),
    THREAD("Thread"),
    IPC_GATE("Ipc_gate"),
    IRQ_SENDER("Irq_sender"),
    IRQ_SEMAPHORE("Irq_semaphore"),
    FACTORY("Factory"),
    SCHEDULER("Scheduler"),
    VLOG("Vlog"),
    ICU("Icu"),
    VM("Vm"),
    JDB("Jdb"),
    IOMMU("Iommu"),
    DMA_SPACE("Dma_space"),
    SEMAPHORE("Semaphore"),
    UNKNOWN("unknown");

    private final String kernelName;

    ObjectKind(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name Fiasco's JDB uses for this kind. */
    public String kernelName() {
        return kernelName;
    }

    public static ObjectKind fromKernelName(String name) {
        for (ObjectKind k : values()) {
            if (k.kernelName.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
