// Speed of the exact Jenks classification (Fisher DP with divide-and-conquer split search)
// against the textbook O(k·n²) Fisher DP that jenkspy, R classInt ("fisher") and QGIS
// implement, measured in the same run on the same data, and of greedy label placement.
// Prints, per size, the ratio textbook / ours.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "layers/classification.h"
#include "layers/label_placement.h"

namespace {

using namespace maillage::layers;

/// Skewed, income-like values in euros: rounded to 10 € as Filosofi publishes them (many
/// ties, which Maillage groups before the DP), or unrounded (no ties: the DP alone).
std::vector<double> income_like(std::size_t n, bool rounded = true) {
    std::mt19937_64 rng(2019);
    std::lognormal_distribution<double> d(std::log(21000.0), 0.12);
    std::vector<double> v(n);
    for (double& x : v) x = rounded ? std::round(d(rng) / 10.0) * 10.0 : d(rng);
    return v;
}

/// The textbook Fisher (1958) / Jenks DP over all n sorted values, O(k·n²): the peer.
std::vector<double> textbook_fisher_breaks(std::vector<double> v, std::size_t k) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    std::vector<double> s(n + 1, 0.0), q(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        s[i + 1] = s[i] + v[i];
        q[i + 1] = q[i] + v[i] * v[i];
    }
    auto cost = [&](std::size_t a, std::size_t b) {
        const double sum = s[b] - s[a];
        return q[b] - q[a] - sum * sum / static_cast<double>(b - a);
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(k + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<std::size_t>> start(k + 1, std::vector<std::size_t>(n + 1, 0));
    for (std::size_t j = 1; j <= n; ++j) best[1][j] = cost(0, j);
    for (std::size_t g = 2; g <= k; ++g) {
        for (std::size_t j = g; j <= n; ++j) {
            for (std::size_t i = g - 1; i < j; ++i) {
                const double c = best[g - 1][i] + cost(i, j);
                if (c < best[g][j]) {
                    best[g][j] = c;
                    start[g][j] = i;
                }
            }
        }
    }
    std::vector<double> uppers(k);
    std::size_t end = n;
    for (std::size_t g = k; g >= 1; --g) {
        uppers[g - 1] = v[end - 1];
        end = start[g][end];
    }
    return uppers;
}

void BM_JenksMaillage(benchmark::State& state) {
    const auto raw = income_like(static_cast<std::size_t>(state.range(0)));
    const std::vector<std::optional<double>> values(raw.begin(), raw.end());
    for (auto _ : state) benchmark::DoNotOptimize(classify(values, Method::jenks, 7));
}

void BM_JenksMaillageNoTies(benchmark::State& state) {
    const auto raw = income_like(static_cast<std::size_t>(state.range(0)), false);
    const std::vector<std::optional<double>> values(raw.begin(), raw.end());
    for (auto _ : state) benchmark::DoNotOptimize(classify(values, Method::jenks, 7));
}

void BM_JenksTextbookNoTies(benchmark::State& state) {
    const auto raw = income_like(static_cast<std::size_t>(state.range(0)), false);
    for (auto _ : state) benchmark::DoNotOptimize(textbook_fisher_breaks(raw, 7));
}

void BM_JenksTextbook(benchmark::State& state) {
    const auto raw = income_like(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(textbook_fisher_breaks(raw, 7));
}

void BM_Quantiles(benchmark::State& state) {
    const auto raw = income_like(static_cast<std::size_t>(state.range(0)));
    const std::vector<std::optional<double>> values(raw.begin(), raw.end());
    for (auto _ : state) benchmark::DoNotOptimize(classify(values, Method::quantiles, 7));
}

void BM_PlaceLabels(benchmark::State& state) {
    std::mt19937 rng(35000);
    std::uniform_real_distribution<double> xy(0.0, 1920.0);
    std::uniform_real_distribution<double> width(30.0, 140.0);
    std::vector<LabelCandidate> labels;
    for (int i = 0; i < state.range(0); ++i) {
        labels.push_back({static_cast<double>(i % 5000), positions_around(xy(rng), xy(rng) * 0.6, width(rng), 12.0)});
    }
    for (auto _ : state) benchmark::DoNotOptimize(place_labels(labels));
}

// 53: the CAPSO communes; 1 000–10 000: a département to a region; 35 000: every commune
// of France (quadratic peer skipped there: minutes per run).
BENCHMARK(BM_JenksMaillage)->Arg(53)->Arg(1000)->Arg(10000)->Arg(35000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JenksTextbook)->Arg(53)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JenksMaillageNoTies)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JenksTextbookNoTies)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Quantiles)->Arg(35000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlaceLabels)->Arg(35000)->Unit(benchmark::kMillisecond);

/// Console output plus a record of each benchmark's real time, for the ratio lines.
class RecordingReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& r : runs) real_ms[r.benchmark_name()] = r.GetAdjustedRealTime();
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> real_ms;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RecordingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nJenks, 7 classes: textbook O(k n^2) Fisher DP time / Maillage time\n");
    const std::pair<const char*, const char*> cases[] = {
        {"53", "rounded to 10 EUR"}, {"1000", "rounded to 10 EUR"}, {"10000", "rounded to 10 EUR"},
        {"NoTies/10000", "no ties"}};
    for (const auto& [suffix, what] : cases) {
        const std::string s(suffix);
        const bool no_ties = s.rfind("NoTies/", 0) == 0;
        const std::string n = no_ties ? s.substr(7) : s;
        const auto ours = reporter.real_ms.find(std::string(no_ties ? "BM_JenksMaillageNoTies/" : "BM_JenksMaillage/") + n);
        const auto peer = reporter.real_ms.find(std::string(no_ties ? "BM_JenksTextbookNoTies/" : "BM_JenksTextbook/") + n);
        if (ours != reporter.real_ms.end() && peer != reporter.real_ms.end() && ours->second > 0) {
            std::printf("  n = %6s (%s): %.1fx\n", n.c_str(), what, peer->second / ours->second);
        }
    }
    benchmark::Shutdown();
    return 0;
}
