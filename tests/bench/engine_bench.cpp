// Google Benchmark programs for the engine (docs/PERFORMANCE.md): parsing a request, building the
// selection index, one selection query, the whole rule pass, and the whole request through the engine,
// on generated organisations of 10, 100 and 1,000 servers (generated_organisation.h), plus one connector
// with 5,000 ranges. They print figures; they never fail on speed.
#include <benchmark/benchmark.h>

#include <random>

#include "engine/engine.h"
#include "generated_organisation.h"
#include "parse/request.h"
#include "rules/rule.h"
#include "select/selection.h"

namespace {

const std::string& request_text(int servers) {
  static std::map<int, std::string> cache;
  auto it = cache.find(servers);
  if (it == cache.end()) it = cache.emplace(servers, ecd::bench::organisation_request(servers).dump()).first;
  return it->second;
}

ecd::Request parsed(int servers) {
  return std::move(*ecd::parse_request(request_text(servers)).request);
}

void counters(benchmark::State& state, const ecd::Organisation& org) {
  std::size_t ranges = 0;
  for (const auto& c : org.connectors) ranges += c.remote_ip_ranges.size();
  state.counters["servers"] = static_cast<double>(state.range(0));
  state.counters["connectors"] = static_cast<double>(org.connectors.size());
  state.counters["ranges"] = static_cast<double>(ranges);
}

void BM_ParseRequest(benchmark::State& state) {
  const std::string& text = request_text(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(ecd::parse_request(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  counters(state, parsed(static_cast<int>(state.range(0))).organisation);
}

void BM_IndexBuild(benchmark::State& state) {
  ecd::Request request = parsed(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    ecd::SelectionIndex index(request.organisation);
    benchmark::DoNotOptimize(&index);
  }
  counters(state, request.organisation);
}

void BM_SelectConnector(benchmark::State& state) {
  const int servers = static_cast<int>(state.range(0));
  ecd::Request request = parsed(servers);
  ecd::SelectionIndex index(request.organisation);
  std::mt19937 random(42);
  std::vector<ecd::SelectionQuery> queries;
  for (int i = 0; i < 4096; ++i) {
    const int target = static_cast<int>(random() % static_cast<unsigned>(servers));
    const int sender = static_cast<int>(random() % static_cast<unsigned>(servers));
    const std::string remote = i % 2 ? ecd::bench::server_address(sender)
                                     : fmt::format("172.{}.{}.{}", 16 + target / 50, (target % 50) * 5, 1 + i % 100);
    queries.push_back(ecd::SelectionQuery{ecd::bench::server_name(target), ecd::TransportRole::FrontendTransport, 25,
                                          *ecd::parse_ip_address(remote).value, std::nullopt});
  }
  std::size_t i = 0, won = 0;
  for (auto _ : state) {
    auto s = index.select_connector(queries[i++ % queries.size()]);
    won += s.winner != nullptr;
    benchmark::DoNotOptimize(s);
  }
  state.counters["won"] = static_cast<double>(won);
  counters(state, request.organisation);
}

void BM_RulePass(benchmark::State& state) {
  ecd::Request request = parsed(static_cast<int>(state.range(0)));
  std::size_t findings = 0;
  for (auto _ : state) {
    auto rules = ecd::make_rules();
    ecd::SelectionIndex index(request.organisation);
    ecd::RuleContext ctx{request.organisation, index};
    std::vector<ecd::Finding> out;
    for (const auto& r : rules) r->check(ctx, out);
    findings = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["findings"] = static_cast<double>(findings);
  counters(state, request.organisation);
}

void BM_RunRequest(benchmark::State& state) {
  const std::string& text = request_text(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(ecd::run_request(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  counters(state, parsed(static_cast<int>(state.range(0))).organisation);
}

/// One relay with state.range(0) ranges on one server, whose own address is among them.
void BM_OneConnectorManyRanges(benchmark::State& state) {
  nlohmann::json request = ecd::bench::organisation_request(1, 0, 0);
  auto ranges = nlohmann::json::array();
  for (int i = 0; i < state.range(0); ++i)
    ranges.push_back(fmt::format("10.{}.{}.{}", 100 + i / 62500, i / 250 % 250, 1 + i % 250));
  ranges.push_back(ecd::bench::server_address(0));
  request["connectors"].back()["RemoteIPRanges"] = ranges;
  const std::string text = request.dump();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto r = ecd::run_request(text);
    bytes = r.response.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

}  // namespace

BENCHMARK(BM_ParseRequest)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IndexBuild)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SelectConnector)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_RulePass)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RunRequest)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneConnectorManyRanges)->Arg(1200)->Arg(5000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
