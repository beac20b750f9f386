package dev.capscope.core.profile;

import dev.capscope.core.json.JsonShapeException;
import dev.capscope.core.json.LocatedJson;
import dev.capscope.core.json.LocatedNode;
import dev.capscope.core.json.StrictObject;
import dev.capscope.core.model.Selectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads one layout profile from JSON ({@code samples/profiles/*.json}). Strict: unknown fields,
 * wrong types and inconsistent constants are errors naming file, line, column and field.
 */
final class ProfileReader {
    static final String FORMAT = "capscope-layout-profile/1";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String HINT = "Compare with the built-in profiles in samples/profiles";

    private ProfileReader() {
    }

    static LayoutProfile read(String source, byte[] content) {
        try {
            return parse(LocatedJson.parse(content));
        } catch (JsonShapeException e) {
            throw new ProfileFormatException(source, e.line(), e.column(), e.path(), e.problem(), HINT, e);
        }
    }

    private static LayoutProfile parse(LocatedNode root) {
        StrictObject o = root.asObject();
        LocatedNode format = o.required("format");
        if (!FORMAT.equals(format.asString())) {
            throw JsonShapeException.at(format, "unsupported profile format \"" + format.asString()
                    + "\" (this Capscope reads \"" + FORMAT + "\")");
        }
        LocatedNode nameNode = o.required("name");
        String name = nameNode.asString();
        if (!NAME.matcher(name).matches()) {
            throw JsonShapeException.at(nameNode, "profile name \"" + name
                    + "\" must be lower-case letters, digits, '.', '_' or '-'");
        }
        String description = o.optionalString("description");
        String kernel = o.optionalString("kernel");
        LocatedNode identity = o.optional("capEqualIdentity");
        LocatedNode tracked = o.optional("allocatorTracked");

        Map<Integer, String> fixed = new TreeMap<>();
        putFixed(fixed, o.required("taskCap"), LayoutProfile.TASK);
        LocatedNode debug = o.optional("debugCap");
        if (debug != null) {
            putFixed(fixed, debug, LayoutProfile.DEBUGGER);
        }
        LocatedNode parentNode = o.required("parentCap");
        int parentCap = putFixed(fixed, parentNode, LayoutProfile.PARENT);
        LocatedNode extra = o.optional("fixedSlots");
        if (extra != null) {
            readExtraFixedSlots(extra, fixed);
        }

        LocatedNode baseNode = o.required("threadAreaBase");
        int threadAreaBase = baseNode.asIntOrHex(1, Selectors.LAST);
        for (int sel : fixed.keySet()) {
            if (sel >= threadAreaBase) {
                throw JsonShapeException.at(baseNode, "threadAreaBase " + Selectors.format(threadAreaBase)
                        + " must lie after every fixed slot, but fixed slot " + fixed.get(sel) + " is at "
                        + Selectors.format(sel));
            }
        }
        List<String> roles = readThreadRoles(o.required("threadSlotRoles"));
        // 0: no thread area (a plain L4Re program has none core would lay out).
        int threadMax = o.required("threadMax").asInt(0, Selectors.LAST);
        int threadAreaEnd = threadAreaBase + threadMax * roles.size();
        LocatedNode userNode = o.required("userBaseCap");
        int userBase = userNode.asIntOrHex(1, Selectors.LAST);
        if (userBase < threadAreaEnd) {
            throw JsonShapeException.at(userNode, "userBaseCap " + Selectors.format(userBase)
                    + " lies inside the thread area, which ends at " + Selectors.format(threadAreaEnd - 1));
        }
        LocatedNode entriesNode = o.required("capMapEntries");
        int entries = entriesNode.asInt(1, Selectors.COUNT);
        if (entries <= userBase) {
            throw JsonShapeException.at(entriesNode, "capMapEntries " + entries
                    + " leaves no allocator range above userBaseCap " + Selectors.format(userBase));
        }
        LocatedNode idBitsNode = o.optional("capIdBits");
        int idBits = idBitsNode == null ? 16 : idBitsNode.asInt(16, 32);
        if (idBits != 16 && idBits != 32) {
            throw JsonShapeException.at(idBitsNode, "capIdBits must be 16 (Genode up to 24.11) or 32 (25.02 on)");
        }
        LocatedNode entryBytesNode = o.optional("capMapEntryBytes");
        int entryBytes = entryBytesNode == null ? 0 : entryBytesNode.asInt(1, 4096);
        o.finish();
        return new LayoutProfile(name, description == null ? "" : description,
                kernel == null ? "Fiasco.OC" : kernel, fixed, parentCap, threadAreaBase, roles, threadMax,
                userBase, entries, identity == null || identity.asBoolean(),
                tracked == null || tracked.asBoolean(), idBits, entryBytes);
    }

    private static int putFixed(Map<Integer, String> fixed, LocatedNode node, String role) {
        int sel = node.asIntOrHex(1, Selectors.LAST);
        String previous = fixed.putIfAbsent(sel, role);
        if (previous != null) {
            throw JsonShapeException.at(node, role + " slot " + Selectors.format(sel)
                    + " is already the " + previous + " slot");
        }
        return sel;
    }

    private static void readExtraFixedSlots(LocatedNode node, Map<Integer, String> fixed) {
        StrictObject slots = node.asObject();
        for (String key : slots.fieldNames()) {
            LocatedNode roleNode = slots.required(key);
            String role = roleNode.asString();
            int sel;
            try {
                sel = key.startsWith("0x") ? Integer.parseInt(key.substring(2), 16) : Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw JsonShapeException.at(roleNode, "fixed slot key \"" + key
                        + "\" is not a selector (write e.g. \"5\" or \"0x5\")");
            }
            if (sel < 1 || sel > Selectors.LAST) {
                throw JsonShapeException.at(roleNode, "fixed slot " + key + " is out of range 1..4296");
            }
            String previous = fixed.putIfAbsent(sel, role);
            if (previous != null) {
                throw JsonShapeException.at(roleNode, "slot " + Selectors.format(sel) + " is already the "
                        + previous + " slot");
            }
        }
        slots.finish();
    }

    private static List<String> readThreadRoles(LocatedNode node) {
        List<LocatedNode> items = node.asArray();
        if (items.isEmpty()) {
            throw JsonShapeException.at(node, "threadSlotRoles must name at least one slot (the gate)");
        }
        List<String> roles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LocatedNode item : items) {
            String r = item.asString();
            if (r.isBlank() || !seen.add(r)) {
                throw JsonShapeException.at(item, "thread slot role \"" + r + "\" is empty or repeated");
            }
            roles.add(r);
        }
        return roles;
    }
}
