package org.cpjudge.api.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cpjudge.rating.Title;

/**
 * The AI models drawn as inline SVG on the server: each model's mean performance rating (with its 95% interval
 * as a vertical whisker) against what it paid per solved problem. Cost runs on a log scale, in decades, because
 * models' costs differ by orders of magnitude; a model that declared no cost at all (zero) sits in a column of
 * its own left of the axis break, since zero has no place on a log scale. A model that solved nothing has no
 * cost per solved problem and is not drawn (the page's table still lists it). Bands behind the points are the
 * Codeforces titles, as in the {@link RatingGraph rating graph}.
 */
public final class CostRatingPlot {

    static final int WIDTH = 800;
    static final int HEIGHT = 360;
    static final int LEFT = 56;
    static final int RIGHT = 24;
    static final int TOP = 16;
    static final int BOTTOM = 48;
    /** Width of the column for models that declared no cost, left of the log axis. */
    static final int FREE_COLUMN = 48;
    /** The rating axis spans at least this much, so that near-equal models do not look far apart. */
    private static final int MIN_SPAN = 400;

    private CostRatingPlot() {
    }

    /**
     * One model as plotted.
     *
     * @param costPerSolvedUsd null when it solved nothing (not drawn); 0 when it declared no cost
     */
    public record Model(String model, double rating, double lo, double hi, Double costPerSolvedUsd) {

        boolean plotted() {
            return costPerSolvedUsd != null && costPerSolvedUsd >= 0 && !costPerSolvedUsd.isNaN()
                    && !costPerSolvedUsd.isInfinite();
        }
    }

    /** The models of {@code GET /api/v1/ai/models}' rows. */
    public static List<Model> models(List<JsonObject> rows) {
        List<Model> models = new ArrayList<>();
        for (JsonObject row : rows) {
            double mean = row.getDouble("mean_performance");
            JsonArray ci = row.getJsonArray("ci95");
            double lo = ci == null || ci.getValue(0) == null ? mean : ci.getDouble(0);
            double hi = ci == null || ci.getValue(1) == null ? mean : ci.getDouble(1);
            models.add(new Model(row.getString("model"), mean, lo, hi, row.getDouble("cost_per_solved_usd")));
        }
        return models;
    }

    /** The plot of the models that solved something; an empty plot with a note when none did. */
    public static String svg(List<Model> models) {
        List<Model> plotted = models.stream().filter(Model::plotted).toList();
        Scale scale = Scale.of(plotted);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"cost-rating-plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"group\" aria-labelledby=\"cost-rating-title\">\n")
                .append("<title id=\"cost-rating-title\">Mean performance rating against cost per solved problem, ")
                .append(plotted.size()).append(plotted.size() == 1 ? " model" : " models").append("</title>\n");
        bands(s, scale);
        axes(s, scale);
        for (Model m : plotted) {
            point(s, scale, m);
        }
        if (plotted.isEmpty()) {
            s.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">No model has solved a problem yet</text>\n");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static void bands(StringBuilder s, Scale scale) {
        Title[] titles = Title.values();
        for (int k = 0; k < titles.length; k++) {
            int from = Math.max(scale.bottom, k == 0 ? Integer.MIN_VALUE : titles[k].floor());
            int to = Math.min(scale.top, k + 1 < titles.length ? titles[k + 1].floor() : Integer.MAX_VALUE);
            if (from >= to) {
                continue;
            }
            double yTop = scale.y(to);
            s.append("<rect class=\"band\" x=\"").append(LEFT).append("\" y=\"").append(fmt(yTop))
                    .append("\" width=\"").append(WIDTH - LEFT - RIGHT).append("\" height=\"")
                    .append(fmt(scale.y(from) - yTop)).append("\" fill=\"").append(Titles.bandColor(titles[k]))
                    .append("\" fill-opacity=\"0.35\"><title>").append(titles[k].displayName())
                    .append("</title></rect>\n");
        }
    }

    private static void axes(StringBuilder s, Scale scale) {
        double yAxis = HEIGHT - BOTTOM;
        s.append("<line class=\"axis x-axis\" x1=\"").append(LEFT).append("\" y1=\"").append(fmt(yAxis))
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(yAxis))
                .append("\" stroke=\"#1d2330\"/>\n");
        s.append("<line class=\"axis y-axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(fmt(yAxis))
                .append("\" stroke=\"#1d2330\"/>\n");
        for (int rating : scale.ratingTicks()) {
            s.append("<text class=\"tick y-tick\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(fmt(scale.y(rating) + 4)).append("\" text-anchor=\"end\">").append(rating)
                    .append("</text>\n");
        }
        if (scale.hasFree) {
            s.append("<text class=\"tick x-tick\" x=\"").append(fmt(scale.freeX())).append("\" y=\"")
                    .append(fmt(yAxis + 16)).append("\" text-anchor=\"middle\">$0</text>\n");
            // the break between the zero column and the log axis
            double breakX = LEFT + FREE_COLUMN;
            s.append("<path class=\"axis-break\" d=\"M").append(fmt(breakX - 4)).append(',').append(fmt(yAxis + 5))
                    .append(" l4,-10 M").append(fmt(breakX)).append(',').append(fmt(yAxis + 5))
                    .append(" l4,-10\" stroke=\"#1d2330\" fill=\"none\"/>\n");
        }
        for (int e = scale.lowDecade; e <= scale.highDecade; e++) {
            double x = scale.logX(e);
            s.append("<line class=\"grid\" x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                    .append(fmt(x)).append("\" y2=\"").append(fmt(yAxis)).append("\" stroke=\"#1d2330\"")
                    .append(" stroke-opacity=\"0.15\"/>\n");
            s.append("<text class=\"tick x-tick\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(yAxis + 16))
                    .append("\" text-anchor=\"middle\">").append(dollars(e)).append("</text>\n");
        }
        s.append("<text class=\"axis-label\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 8).append("\" text-anchor=\"middle\">Cost per solved problem (USD, log scale)")
                .append("</text>\n");
        s.append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").append(-(TOP + HEIGHT - BOTTOM) / 2)
                .append("\" y=\"14\" text-anchor=\"middle\">Mean performance rating</text>\n");
    }

    private static void point(StringBuilder s, Scale scale, Model m) {
        double x = scale.x(m.costPerSolvedUsd());
        double y = scale.y(m.rating());
        String summary = m.model() + ": " + Math.round(m.rating()) + " (95% interval " + Math.round(m.lo()) + "–"
                + Math.round(m.hi()) + "), $" + String.format(Locale.ROOT, "%.4f", m.costPerSolvedUsd())
                + " per solved problem";
        // a group of links, not an image: each point is a link named by its model and values
        s.append("<a class=\"model\" href=\"/ai/").append(SvgText.attribute(Format.segment(m.model())))
                .append("\" aria-label=\"").append(SvgText.attribute(summary)).append("\">");
        s.append("<line class=\"interval\" x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(scale.y(m.hi())))
                .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(fmt(scale.y(m.lo())))
                .append("\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>");
        s.append("<circle class=\"point\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                .append("\" r=\"5\" fill=\"#ffffff\" stroke=\"#1d2330\" stroke-width=\"2\"><title>")
                .append(SvgText.text(summary))
                .append("</title></circle>");
        // the name beside its point, on the side with room
        boolean rightSide = x < WIDTH - RIGHT - 160;
        s.append("<text class=\"label\" x=\"").append(fmt(rightSide ? x + 9 : x - 9)).append("\" y=\"")
                .append(fmt(y - 6)).append("\" text-anchor=\"").append(rightSide ? "start" : "end").append("\">")
                .append(SvgText.text(m.model())).append("</text></a>\n");
    }


    /** "$0.01", "$1", "$100": a decade's tick. */
    static String dollars(int decade) {
        if (decade >= 0) {
            return "$" + "1" + "0".repeat(decade);
        }
        return "$0." + "0".repeat(-decade - 1) + "1";
    }

    /** Maps cost and rating to SVG coordinates. */
    static final class Scale {
        final int bottom;
        final int top;
        final int lowDecade;
        final int highDecade;
        final boolean hasFree;

        private Scale(int bottom, int top, int lowDecade, int highDecade, boolean hasFree) {
            this.bottom = bottom;
            this.top = top;
            this.lowDecade = lowDecade;
            this.highDecade = highDecade;
            this.hasFree = hasFree;
        }

        static Scale of(List<Model> plotted) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            double cheapest = Double.POSITIVE_INFINITY;
            double dearest = 0;
            boolean free = false;
            for (Model m : plotted) {
                low = Math.min(low, Math.min(m.lo(), m.rating()));
                high = Math.max(high, Math.max(m.hi(), m.rating()));
                if (m.costPerSolvedUsd() == 0) {
                    free = true;
                } else {
                    cheapest = Math.min(cheapest, m.costPerSolvedUsd());
                    dearest = Math.max(dearest, m.costPerSolvedUsd());
                }
            }
            if (plotted.isEmpty()) {
                low = 1400;
                high = 1600;
            }
            // round outwards to hundreds with a margin, then widen to the minimum span around the middle
            int bottom = (int) Math.floor((low - 50) / 100) * 100;
            int top = (int) Math.ceil((high + 50) / 100) * 100;
            if (top - bottom < MIN_SPAN) {
                int grow = MIN_SPAN - (top - bottom);
                bottom -= grow / 200 * 100;
                top = bottom + MIN_SPAN;
            }
            int lowDecade;
            int highDecade;
            if (dearest == 0) {
                // no positive cost: a one-decade axis around a cent to a dime, so the free column has company
                lowDecade = -2;
                highDecade = -1;
            } else {
                lowDecade = (int) Math.floor(Math.log10(cheapest) + 1e-9);
                highDecade = (int) Math.ceil(Math.log10(dearest) - 1e-9);
                if (highDecade <= lowDecade) {
                    highDecade = lowDecade + 1;
                }
            }
            return new Scale(bottom, top, lowDecade, highDecade, free);
        }

        /** Where the log axis starts: after the free column when there is one. */
        private double logLeft() {
            return LEFT + (hasFree ? FREE_COLUMN : 0) + 16;
        }

        private double logRight() {
            return WIDTH - RIGHT - 16;
        }

        /** The x of the decade 10^e. */
        double logX(double e) {
            return logLeft() + (logRight() - logLeft()) * (e - lowDecade) / (highDecade - lowDecade);
        }

        double freeX() {
            return LEFT + FREE_COLUMN / 2.0;
        }

        double x(double costPerSolved) {
            return costPerSolved == 0 ? freeX() : logX(Math.log10(costPerSolved));
        }

        double y(double rating) {
            double plotHeight = HEIGHT - TOP - BOTTOM;
            return TOP + plotHeight * (top - rating) / (top - bottom);
        }

        /** A labelled rating every 100, 200 or 500 so that there are at most eight. */
        List<Integer> ratingTicks() {
            int step = 100;
            for (int candidate : new int[] {100, 200, 500, 1000}) {
                step = candidate;
                if ((top - bottom) / candidate <= 8) {
                    break;
                }
            }
            List<Integer> ticks = new ArrayList<>();
            for (int r = Math.floorDiv(bottom + step - 1, step) * step; r <= top; r += step) {
                ticks.add(r);
            }
            return ticks;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
