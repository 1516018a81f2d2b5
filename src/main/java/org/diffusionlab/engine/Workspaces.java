package org.diffusionlab.engine;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J workspaces for the hot loops. ND4J frees off-heap memory only when the Java objects are collected, and the
 * small INDArray objects hardly fill the Java heap, so a training loop that allocates freely grows to gigabytes before
 * the collector runs. Inside a workspace every temporary of one iteration lives in one block that is reused by the next.
 * Anything that must outlive the scope is copied into arrays allocated outside it (or into Java arrays).
 */
public final class Workspaces {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.25)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {
    }

    /** Opens (activates) the calling thread's workspace of that name; close it with try-with-resources. */
    public static MemoryWorkspace open(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name);
    }
}
