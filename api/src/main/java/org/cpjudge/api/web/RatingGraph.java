package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cpjudge.rating.Title;

/**
 * A rating history drawn as inline SVG on the server: one point per rated contest (the rating after it), over
 * horizontal bands colored by Codeforces title, as on a Codeforces profile.
 */
final class RatingGraph {

    static final int WIDTH = 800;
    static final int HEIGHT = 300;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 24;
    /** The rating axis always spans at least this much, so that a small change does not look like a cliff. */
    private static final int MIN_SPAN = 400;

    private RatingGraph() {
    }


    record Point(String contest, Integer rank, int rating) {
    }

    static String svg(JsonArray history) {
        List<Point> points = points(history);
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (Point p : points) {
            low = Math.min(low, p.rating());
            high = Math.max(high, p.rating());
        }
        if (points.isEmpty()) {
            low = 1400;
            high = 1600;
        }
        // round outwards to hundreds with a margin, then widen to the minimum span around the middle
        int bottom = Math.floorDiv(low - 100, 100) * 100;
        int top = Math.floorDiv(high + 199, 100) * 100;
        if (top - bottom < MIN_SPAN) {
            int grow = MIN_SPAN - (top - bottom);
            bottom -= grow / 200 * 100;
            top = bottom + MIN_SPAN;
        }
        Scale scale = new Scale(bottom, top, points.size());

        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"rating-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"group\" aria-label=\"Rating history\">\n");
        bands(s, scale);
        for (int rating : new int[] {bottom, top}) {
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(scale.y(rating) + 4))
                    .append("\" text-anchor=\"end\">").append(rating).append("</text>\n");
        }
        line(s, scale, points);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            String label = p.contest() + ": " + p.rating() + (p.rank() == null ? "" : " (rank " + p.rank() + ")") + ", "
                    + Title.of(p.rating()).displayName();
            // the link's name is said by screen readers; the title is the tooltip of the point
            s.append("<a aria-label=\"").append(SvgText.attribute(label)).append("\" href=\"/contests/")
                    .append(SvgText.attribute(Format.segment(p.contest()))).append("\"><circle class=\"point\" cx=\"")
                    .append(fmt(scale.x(i))).append("\" cy=\"").append(fmt(scale.y(p.rating())))
                    .append("\" r=\"4\" fill=\"#ffffff\" stroke=\"#1d2330\" stroke-width=\"2\"><title>")
                    .append(SvgText.text(label)).append("</title></circle></a>\n");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static List<Point> points(JsonArray history) {
        List<Point> points = new ArrayList<>();
        for (Object o : history) {
            JsonObject h = (JsonObject) o;
            Integer rating = h.getInteger("new_rating");
            if (rating != null) {
                points.add(new Point(h.getString("contest"), h.getInteger("rank"), rating));
            }
        }
        return points;
    }

    /** One colored band per title the axis crosses, with the title's floor labelled on the left. */
    private static void bands(StringBuilder s, Scale scale) {
        Title[] titles = Title.values();
        for (int k = 0; k < titles.length; k++) {
            int from = Math.max(scale.bottom, k == 0 ? Integer.MIN_VALUE : titles[k].floor());
            int to = Math.min(scale.top, k + 1 < titles.length ? titles[k + 1].floor() : Integer.MAX_VALUE);
            if (from >= to) {
                continue;
            }
            double yTop = scale.y(to);
            s.append("<rect class=\"band ").append(Titles.cssClass(titles[k])).append("\" x=\"").append(LEFT)
                    .append("\" y=\"").append(fmt(yTop)).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                    .append("\" height=\"").append(fmt(scale.y(from) - yTop)).append("\" fill=\"")
                    .append(Titles.bandColor(titles[k])).append("\" fill-opacity=\"0.55\"><title>")
                    .append(titles[k].displayName()).append("</title></rect>\n");
            if (k > 0 && from == titles[k].floor() && from != scale.bottom) {
                s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(scale.y(from) + 4))
                        .append("\" text-anchor=\"end\">").append(from).append("</text>\n");
            }
        }
    }

    private static void line(StringBuilder s, Scale scale, List<Point> points) {
        if (points.size() < 2) {
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"#1d2330\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            s.append(i == 0 ? "" : " ").append(fmt(scale.x(i))).append(',').append(fmt(scale.y(points.get(i).rating())));
        }
        s.append("\"/>\n");
    }

    /** Maps contest index and rating to SVG coordinates. */
    private record Scale(int bottom, int top, int count) {
        double x(int index) {
            double plotWidth = WIDTH - LEFT - RIGHT - 24;
            return count <= 1 ? LEFT + 12 + plotWidth / 2 : LEFT + 12 + plotWidth * index / (count - 1);
        }

        double y(int rating) {
            double plotHeight = HEIGHT - TOP - BOTTOM;
            return TOP + plotHeight * (top - rating) / (double) (top - bottom);
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
