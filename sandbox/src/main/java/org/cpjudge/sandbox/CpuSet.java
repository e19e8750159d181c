package org.cpjudge.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of cpus (cores as the kernel numbers them), written as a cpuset list: {@code "1"}, {@code "0-3,6"}. The
 * sandbox gives each box slot one of the cpus of its box cores (see {@link Sandboxes#defaultBoxCores}).
 */
public final class CpuSet {

    private final List<Integer> cpus;

    private CpuSet(TreeSet<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("a cpu set needs at least one cpu");
        }
        this.cpus = List.copyOf(cpus);
    }

    /** The cpus of a list such as {@code "0-2,5"}; IllegalArgumentException when it is not one. */
    public static CpuSet parse(String list) {
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            String[] range = part.strip().split("-", -1);
            try {
                int lo = Integer.parseInt(range[0].strip());
                int hi = range.length == 2 ? Integer.parseInt(range[1].strip()) : lo;
                if (range.length > 2 || lo < 0 || hi < lo || hi > 4095) {
                    throw new NumberFormatException();
                }
                for (int c = lo; c <= hi; c++) {
                    set.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cpu list (such as 1 or 0-3,6): '" + list + "'");
            }
        }
        return new CpuSet(set);
    }

    public static CpuSet of(int... cpus) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int c : cpus) {
            set.add(c);
        }
        return new CpuSet(set);
    }

    /**
     * The cpus this process may run on (its affinity, {@code Cpus_allowed_list} of /proc/self/status, which a
     * cpuset cgroup or {@code taskset} narrows); 0 to availableProcessors-1 where that cannot be read.
     */
    public static CpuSet ofThisProcess() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring("Cpus_allowed_list:".length()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // not Linux, or a format we do not know: fall through
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++) {
            set.add(c);
        }
        return new CpuSet(set);
    }

    /** The cpus, lowest first. */
    public List<Integer> cpus() {
        return cpus;
    }

    public int size() {
        return cpus.size();
    }

    /** These cpus but the lowest one, or these when there is only one. */
    public CpuSet withoutLowest() {
        return size() == 1 ? this : new CpuSet(new TreeSet<>(cpus.subList(1, size())));
    }

    /** The list form, with ranges: {@code "1-3,6"}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? cpus.get(i).toString() : cpus.get(i) + "-" + cpus.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && cpus.equals(other.cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }
}
