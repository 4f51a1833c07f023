package dev.speckitty.orchestrator.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread of repeated measurements. */
record Stats(double median, double min, double max, double p25, double p75, int n) {
    static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> v = new ArrayList<>();
        for (Number x : values) {
            v.add(x.doubleValue());
        }
        Collections.sort(v);
        return new Stats(quantile(v, 0.5), v.get(0), v.get(v.size() - 1), quantile(v, 0.25), quantile(v, 0.75),
                v.size());
    }

    /** Linear interpolation between closest ranks. */
    static double quantile(List<Double> sorted, double q) {
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    /** "median (min–max)" with the given number of decimals. */
    String fmt(int decimals) {
        if (n == 0) {
            return "n/a";
        }
        String f = "%." + decimals + "f";
        if (n == 1) {
            return String.format(Locale.ROOT, f, median);
        }
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
    }

    /** "median [p25–p75]". */
    String fmtIqr(int decimals) {
        if (n == 0) {
            return "n/a";
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " [" + f + "–" + f + "]", median, p25, p75);
    }
}
