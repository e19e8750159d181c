package org.cpjudge.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The cost/rating plot's geometry, read back from the SVG as XML: the axes, one point per model that solved
 * something at the place its cost and rating map to, log-scale decades in order, the zero-cost column left of
 * the log axis, and model names escaped wherever they land.
 */
class CostRatingPlotTest {

    private static final double PLOT_BOTTOM = CostRatingPlot.HEIGHT - CostRatingPlot.BOTTOM;

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document d, String tag, String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                out.add(e);
            }
        }
        return out;
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    @Test
    void eachModelThatSolvedSomethingIsOnePointWhereItsCostAndRatingMapTo() throws Exception {
        List<CostRatingPlot.Model> models = List.of(
                new CostRatingPlot.Model("cheap", 1200, 1100, 1300, 0.01),
                new CostRatingPlot.Model("dear", 1900, 1700, 2100, 1.0),
                new CostRatingPlot.Model("middling", 1500, 1450, 1550, 0.1),
                new CostRatingPlot.Model("solved-nothing", 600, 500, 700, null));
        Document d = parse(CostRatingPlot.svg(models));
        List<Element> points = byClass(d, "circle", "point");
        assertEquals(3, points.size(), "the model without a solved problem is not drawn");

        // cost grows to the right (log: equal ratios, equal steps), rating upwards
        Element cheap = points.get(0);
        Element dear = points.get(1);
        Element middling = points.get(2);
        assertTrue(num(cheap, "cx") < num(middling, "cx") && num(middling, "cx") < num(dear, "cx"));
        assertEquals(num(middling, "cx") - num(cheap, "cx"), num(dear, "cx") - num(middling, "cx"), 0.11,
                "0.01 -> 0.1 and 0.1 -> 1 are one decade each");
        assertTrue(num(dear, "cy") < num(middling, "cy") && num(middling, "cy") < num(cheap, "cy"));
        // ratings map linearly: 1500 is halfway between 1200 and 1800 would be; check 1200 -> 1500 -> 1900 ratios
        double perPoint = (num(cheap, "cy") - num(middling, "cy")) / 300;
        assertEquals(400 * perPoint, num(middling, "cy") - num(dear, "cy"), 0.11);

        // every point inside the plot area
        for (Element p : points) {
            assertTrue(num(p, "cx") > CostRatingPlot.LEFT && num(p, "cx") < CostRatingPlot.WIDTH - CostRatingPlot.RIGHT);
            assertTrue(num(p, "cy") > CostRatingPlot.TOP && num(p, "cy") < PLOT_BOTTOM);
        }
        // the interval is a vertical whisker through the point, from hi (top) to lo (bottom)
        List<Element> intervals = byClass(d, "line", "interval");
        assertEquals(3, intervals.size());
        Element dearInterval = intervals.get(1);
        assertEquals(num(dear, "cx"), num(dearInterval, "x1"), 1e-9);
        assertEquals(num(dear, "cx"), num(dearInterval, "x2"), 1e-9);
        assertEquals(200 * perPoint, num(dear, "cy") - num(dearInterval, "y1"), 0.11);
        assertEquals(200 * perPoint, num(dearInterval, "y2") - num(dear, "cy"), 0.11);
    }

    @Test
    void theAxesAndTheirTicksAreDrawn() throws Exception {
        Document d = parse(CostRatingPlot.svg(List.of(
                new CostRatingPlot.Model("a", 1234, 1200, 1300, 0.05),
                new CostRatingPlot.Model("b", 1600, 1500, 1700, 3.0))));
        Element x = byClass(d, "line", "x-axis").get(0);
        Element y = byClass(d, "line", "y-axis").get(0);
        assertEquals(PLOT_BOTTOM, num(x, "y1"), 1e-9);
        assertEquals(PLOT_BOTTOM, num(x, "y2"), 1e-9);
        assertEquals(CostRatingPlot.LEFT, num(y, "x1"), 1e-9);
        assertEquals(CostRatingPlot.LEFT, num(y, "x2"), 1e-9);

        // decades from below the cheapest to above the dearest, left to right
        List<String> xTicks = byClass(d, "text", "x-tick").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("$0.01", "$0.1", "$1", "$10"), xTicks);
        List<Double> xs = byClass(d, "text", "x-tick").stream().map(e -> num(e, "x")).toList();
        for (int i = 1; i < xs.size(); i++) {
            assertTrue(xs.get(i - 1) < xs.get(i), xs.toString());
        }
        // rating ticks cover both intervals, higher ticks higher up
        List<Element> yTicks = byClass(d, "text", "y-tick");
        List<Integer> ratings = yTicks.stream().map(e -> Integer.parseInt(e.getTextContent())).toList();
        assertTrue(ratings.get(0) <= 1200 && ratings.get(ratings.size() - 1) >= 1700, ratings.toString());
        for (int i = 1; i < yTicks.size(); i++) {
            assertTrue(ratings.get(i) > ratings.get(i - 1));
            assertTrue(num(yTicks.get(i), "y") < num(yTicks.get(i - 1), "y"));
        }
        List<String> labels = byClass(d, "text", "axis-label").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("Cost per solved problem (USD, log scale)", "Mean performance rating"), labels);
        assertEquals("group", d.getDocumentElement().getAttribute("role"));
        assertTrue(d.getDocumentElement().getElementsByTagName("title").item(0).getTextContent().contains("2 models"));
    }

    @Test
    void aModelThatDeclaredNoCostSitsInTheZeroColumnLeftOfTheLogAxis() throws Exception {
        Document d = parse(CostRatingPlot.svg(List.of(
                new CostRatingPlot.Model("free", 1400, 1300, 1500, 0.0),
                new CostRatingPlot.Model("paid", 1500, 1400, 1600, 0.2))));
        List<Element> points = byClass(d, "circle", "point");
        assertEquals(2, points.size());
        List<Element> ticks = byClass(d, "text", "x-tick");
        assertEquals("$0", ticks.get(0).getTextContent());
        assertEquals(num(ticks.get(0), "x"), num(points.get(0), "cx"), 1e-9);
        assertTrue(num(points.get(0), "cx") < num(ticks.get(1), "x"), "$0 left of the first decade");
        assertTrue(num(points.get(0), "cx") < num(points.get(1), "cx"));
        assertEquals(1, byClass(d, "path", "axis-break").size());
    }

    @Test
    void modelNamesAreEscapedInLabelsTooltipsAndLinks() throws Exception {
        String name = "<script>alert(1)</script> & \"quoted\"/x";
        String svg = CostRatingPlot.svg(List.of(new CostRatingPlot.Model(name, 1500, 1400, 1600, 0.3)));
        assertFalse(svg.contains("<script>"), svg);
        Document d = parse(svg);
        assertEquals(name, byClass(d, "text", "label").get(0).getTextContent());
        assertTrue(byClass(d, "circle", "point").get(0).getTextContent().startsWith(name + ": 1500"));
        Element link = byClass(d, "a", "model").get(0);
        assertEquals("/ai/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%26%20%22quoted%22%2Fx", link.getAttribute("href"));
    }

    @Test
    void withNothingSolvedThePlotSaysSo() throws Exception {
        Document d = parse(CostRatingPlot.svg(List.of(new CostRatingPlot.Model("m", 900, 800, 1000, null))));
        assertEquals(0, byClass(d, "circle", "point").size());
        assertEquals("No model has solved a problem yet", byClass(d, "text", "empty").get(0).getTextContent());
    }

    @Test
    void theModelsComeFromTheLeaderboardRows() {
        List<CostRatingPlot.Model> models = CostRatingPlot.models(List.of(
                new JsonObject().put("model", "alpha").put("mean_performance", 1500.5)
                        .put("ci95", new JsonArray().add(1400.0).add(1600.0)).put("cost_per_solved_usd", 0.61),
                new JsonObject().put("model", "beta").put("mean_performance", 1000.0)
                        .put("ci95", new JsonArray().add(1000.0).add(1000.0)).putNull("cost_per_solved_usd")));
        assertEquals(new CostRatingPlot.Model("alpha", 1500.5, 1400, 1600, 0.61), models.get(0));
        assertEquals(new CostRatingPlot.Model("beta", 1000, 1000, 1000, null), models.get(1));
        assertEquals("$0.001", CostRatingPlot.dollars(-3));
        assertEquals("$100", CostRatingPlot.dollars(2));
    }
}
