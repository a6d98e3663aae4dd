// Helpers shared by the routing benchmarks (bench_nearest, bench_graph_build): the project
// database to measure on, wall-clock and resident-memory readings. Header-only (bench/ globs
// only bench_*.cpp into executables).
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <time.h>
#include <unistd.h>

#include "geo/db/builder.h"

namespace maillage::bench {

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// The CAPSO project database: $MAILLAGE_BENCH_DB when set (any file made by
/// `maillage build-db`), otherwise built from data/sources/ into a temporary directory by
/// geo::db::build_project_database (the code behind `maillage build-db`) and removed at exit.
class BenchDatabase {
public:
    BenchDatabase() {
        if (const char* env = std::getenv("MAILLAGE_BENCH_DB"); env != nullptr && *env != '\0') {
            path_ = env;
            origin_ = std::string("$MAILLAGE_BENCH_DB = ") + env;
            return;
        }
        dir_ = std::filesystem::temp_directory_path() / ("maillage-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        path_ = dir_ / "capso.gpkg";
        geo::db::BuildOptions options;
        options.sources = std::filesystem::path(MAILLAGE_SOURCE_DIR) / "data" / "sources";
        options.output = path_;
        const auto t0 = Clock::now();
        (void)geo::db::build_project_database(options);
        origin_ = "built from data/sources/ by geo::db::build_project_database (= maillage build-db) in " +
                  std::to_string(static_cast<long>(ms_since(t0))) + " ms";
    }
    ~BenchDatabase() {
        std::error_code ignored;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    }
    BenchDatabase(const BenchDatabase&) = delete;
    BenchDatabase& operator=(const BenchDatabase&) = delete;

    /// One database per process, built on first use.
    static const BenchDatabase& instance() {
        static const BenchDatabase db;
        return db;
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] const std::string& origin() const { return origin_; }

private:
    std::filesystem::path path_, dir_;
    std::string origin_;
};

/// On-CPU time of this process (all threads), seconds: the measure that a machine shared
/// with other jobs distorts least (wall clock also counts waiting for a core).
inline double process_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

/// A "VmXXX:   1234 kB" field of /proc/self/status, in MiB; -1 when unavailable.
inline double proc_status_mib(const std::string& field) {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == field + ":") {
            double kib = 0;
            in >> kib;
            return kib / 1024.0;
        }
        in.ignore(1 << 16, '\n');
    }
    return -1;
}
/// Current resident set size (MiB).
inline double rss_mib() { return proc_status_mib("VmRSS"); }
/// Peak resident set size since the process started or since reset_peak_rss() (MiB).
inline double peak_rss_mib() { return proc_status_mib("VmHWM"); }
/// Resets VmHWM to the current RSS (Linux ≥ 4.0: "5" to /proc/self/clear_refs). Returns false
/// when the kernel refuses, in which case peak_rss_mib() is the whole-process peak.
inline bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

}  // namespace maillage::bench
