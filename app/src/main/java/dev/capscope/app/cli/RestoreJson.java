package dev.capscope.app.cli;

import dev.capscope.bridge.AddressSecrets;
import dev.capscope.core.json.SchemaVersions;
import dev.capscope.core.model.Semantics;
import dev.capscope.core.restore.PlannedStep;
import dev.capscope.core.restore.PreparedRestore;
import dev.capscope.core.restore.Refusal;
import dev.capscope.core.restore.RestorePlan;
import dev.capscope.core.restore.RestoreResult;
import dev.capscope.core.target.RestoreOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code restore --json} and {@code restore --dry-run --json} (docs/schema/restore.schema.json): the
 * plan with its operations, refusal codes and side effects, and the outcome (null for a dry run
 * that was not refused). Codes are the stable names of docs/restore.md.
 */
public final class RestoreJson {
    /** Outcome and code of a restore the user or script did not confirm (only the command line asks). */
    public static final String NOT_CONFIRMED = "NOT_CONFIRMED";

    private RestoreJson() {
    }

    static Map<String, Object> of(String file, String task, PreparedRestore prepared, boolean dryRun,
                                  boolean migration, RestoreResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(SchemaVersions.FIELD, SchemaVersions.RESTORE);
        doc.put("snapshot", file);
        doc.put("task", task);
        doc.put("target", AddressSecrets.withoutToken(prepared.target().endpoint()));
        doc.put("dryRun", dryRun);
        doc.put("migration", migration);
        doc.put("plan", plan(prepared.plan()));
        doc.put("result", result == null ? null : result(result));
        return doc;
    }

    /**
     * A restore that was planned but not confirmed (no --yes, no terminal or the answer was no): the
     * plan, and a result with outcome and code {@value #NOT_CONFIRMED}; nothing was applied (exit 1).
     */
    static Map<String, Object> notConfirmed(String file, String task, PreparedRestore prepared, String message) {
        Map<String, Object> doc = of(file, task, prepared, false, prepared.migration(), null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", NOT_CONFIRMED);
        m.put("code", NOT_CONFIRMED);
        m.put("verified", false);
        m.put("message", message);
        m.put("exitCode", RestoreCommand.REFUSED);
        m.put("appliedSteps", 0);
        m.put("refusals", List.of());
        m.put("verificationDifferences", null);
        m.put("badgeTranslations", List.of());
        m.put("rollbackPlan", null);
        doc.put("result", m);
        return doc;
    }

    private static Map<String, Object> plan(RestorePlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refused", plan.isRefused());
        m.put("noOp", plan.isNoOp());
        List<Object> refusals = new ArrayList<>();
        for (Refusal r : plan.refusals()) {
            refusals.add(refusal(r));
        }
        m.put("refusals", refusals);
        List<Object> ops = new ArrayList<>();
        int n = 1;
        for (PlannedStep s : plan.steps()) {
            Map<String, Object> op = operation(s.operation());
            op.put("step", n++);
            op.put("phase", s.phase().name().toLowerCase());
            ops.add(op);
        }
        m.put("operations", ops);
        m.put("sideEffects", plan.sideEffects());
        return m;
    }

    private static Map<String, Object> refusal(Refusal r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.reason().name());
        m.put("message", r.message());
        m.put("selectors", r.selectors());
        return m;
    }

    /** One operation: {@code op} names the variant, the other fields are its arguments, typed. */
    static Map<String, Object> operation(RestoreOperation operation) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (operation instanceof RestoreOperation.Unmap u) {
            m.put("op", "unmap");
            m.put("selector", u.selector());
        } else if (operation instanceof RestoreOperation.MapCopy c) {
            m.put("op", "map");
            m.put("from", c.from());
            m.put("to", c.to());
            m.put("rights", c.rights().toString());
        } else if (operation instanceof RestoreOperation.Grant g) {
            m.put("op", "grant");
            m.put("from", g.from());
            m.put("to", g.to());
            m.put("rights", g.rights().toString());
        } else if (operation instanceof RestoreOperation.CreateSession c) {
            m.put("op", "create_session");
            m.put("selector", c.selector());
            m.put("semantics", semantics(c.semantics()));
            m.put("recordedBadge", c.recordedBadge());
        } else if (operation instanceof RestoreOperation.CloseSession c) {
            m.put("op", "close_session");
            m.put("selector", c.selector());
        } else if (operation instanceof RestoreOperation.CreateObject c) {
            m.put("op", "create_object");
            m.put("selector", c.selector());
            m.put("kind", c.kind().kernelName());
            m.put("label", c.label());
        } else if (operation instanceof RestoreOperation.SetCapMapEntry e) {
            m.put("op", "set_cap_map_entry");
            m.put("index", e.index());
            m.put("rawId", e.rawId());
            m.put("refCount", e.refCount());
            m.put("semantics", semantics(e.semantics()));
        } else if (operation instanceof RestoreOperation.ClearCapMapEntry e) {
            m.put("op", "clear_cap_map_entry");
            m.put("index", e.index());
        } else {
            throw new IllegalArgumentException("no JSON form for " + operation.describe());
        }
        m.put("description", operation.describe());
        return m;
    }

    private static Map<String, Object> semantics(Semantics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", s.rpcInterface());
        m.put("sessionLabel", s.label());
        m.put("args", s.args());
        m.put("server", s.server());
        m.put("quota", s.quota());
        return m;
    }

    private static Map<String, Object> result(RestoreResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().name());
        m.put("code", r.code());
        m.put("verified", r.succeeded());
        m.put("message", r.message());
        m.put("exitCode", r.outcome().exitCode());
        m.put("appliedSteps", r.appliedSteps());
        m.put("refusals", r.refusals().stream().map(RestoreJson::refusal).toList());
        m.put("verificationDifferences", r.verification() == null ? null : r.verification().differenceCount());
        List<Object> badges = new ArrayList<>();
        r.badgeCorrespondence().forEach((was, now) -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("snapshotBadge", was);
            b.put("targetBadge", now);
            b.put("recreated", now.equals(r.badgeTranslations().get(was)));
            badges.add(b);
        });
        m.put("badgeTranslations", badges);
        m.put("rollbackPlan", r.rollbackPlan() == null ? null : plan(r.rollbackPlan()));
        return m;
    }
}
