package dev.capscope.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a target says about itself on attach.
 *
 * @param endpoint        how it was reached, e.g. "unix:/tmp/capsim.sock"
 * @param kernel          kernel description, e.g. "l4sim (Fiasco.OC model)"
 * @param profile         layout profile name the target runs, e.g. "genode-foc-19"; may be null
 * @param agentVersion    version string of the agent
 * @param protocolVersion wire protocol version
 * @param restoreAllowed  true only when the target serves mutations (capsim --allow-restore)
 * @param tasks           the tasks it offers
 */
public record TargetInfo(String endpoint, String kernel, String profile, String agentVersion,
                         int protocolVersion, boolean restoreAllowed, List<TaskInfo> tasks) {
    public TargetInfo {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kernel, "kernel");
        tasks = List.copyOf(tasks);
    }
}
