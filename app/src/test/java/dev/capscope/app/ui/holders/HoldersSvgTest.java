package dev.capscope.app.ui.holders;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG of the holders graph parses as XML whatever the task names hold, and keeps each name readable. */
class HoldersSvgTest {
    /** Node names (text of each node group) and edges ("server -> holder") read back from an SVG. */
    record Parsed(List<String> nodes, List<String> edges, Document doc) {
    }

    static Parsed parse(Path svg) throws Exception {
        return parse(Files.readAllBytes(svg));
    }

    static Parsed parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        List<String> nodes = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("node ")) {
                nodes.add(g.getElementsByTagName("text").item(0).getTextContent());
            }
        }
        NodeList lines = doc.getElementsByTagName("line");
        for (int i = 0; i < lines.getLength(); i++) {
            Element l = (Element) lines.item(i);
            edges.add(l.getAttribute("data-server") + " -> " + l.getAttribute("data-holder"));
        }
        return new Parsed(nodes, edges, doc);
    }

    @Test
    void namesWithMarkupQuotesAndControlCharactersStayWellFormedAndReadable() throws Exception {
        String evil = "init -> <b>&\"x'\u0007\uD800";
        String svg = HoldersSvg.render(List.of(
                        new HoldersSvg.Box(evil, 10, 10, 120, 24, false),
                        new HoldersSvg.Box("core", 300, 200, 60, 24, true)),
                List.of(new HoldersSvg.Arrow("core", evil, 3)), 400, 300);
        Parsed p = parse(svg.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, p.nodes().size());
        String shown = p.nodes().get(0);
        assertTrue(shown.startsWith("init -> <b>&\"x'"), shown);
        assertTrue(shown.chars().noneMatch(c -> c < 0x20), "no raw control character: " + shown);
        assertEquals("core", p.nodes().get(1));
        assertEquals(List.of("core -> " + shown), p.edges());
        assertTrue(svg.contains("stroke-dasharray"), "a server outside the walked tasks is dashed");
    }

    @Test
    void anArrowStopsAtTheBorderOfTheHoldersBox() throws Exception {
        String svg = HoldersSvg.render(List.of(
                        new HoldersSvg.Box("a", 0, 0, 100, 20, false),
                        new HoldersSvg.Box("b", 300, 0, 100, 20, false)),
                List.of(new HoldersSvg.Arrow("a", "b", 1)), 400, 20);
        Element line = (Element) parse(svg.getBytes(StandardCharsets.UTF_8)).doc().getElementsByTagName("line").item(0);
        assertEquals("100.0", line.getAttribute("x1"));
        assertEquals("300.0", line.getAttribute("x2"));
        assertEquals("10.0", line.getAttribute("y2"));
    }
}
