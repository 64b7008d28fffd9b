// Thread safety of the engine behind the C ABI (interop/include/ecd.h: "the library has no global
// mutable state. Independent calls may run on any number of threads at once"). This binary links the
// engine statically, so it calls ecd::run_request, which ecd_request_run wraps one to one.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "request_json.h"

namespace abi_threads_test {

namespace {

using json = nlohmann::json;

using ecd_test::connector;

json organisation_request(const std::string& operation) {
  const std::vector<std::string> all = {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0-255.255.255.255"};
  const std::string full = "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer";
  json connectors = json::array();
  for (const std::string server : {"EX01", "EX02", "EX03"}) {
    connectors.push_back(connector(server, "Default Frontend " + server, "FrontendTransport", {"[::]:25", "0.0.0.0:25"},
                                   all, server == "EX02" ? "Tls, BasicAuth" : full,
                                   "AnonymousUsers, ExchangeServers, ExchangeLegacyServers"));
    connectors.push_back(connector(server, "Default " + server, "HubTransport", {"[::]:2525", "0.0.0.0:2525"}, all,
                                   full, "ExchangeUsers, ExchangeServers, ExchangeLegacyServers"));
    connectors.push_back(connector(server, "Relay " + server, "FrontendTransport", {"0.0.0.0:25", "[::]:25"},
                                   {"10.0.0.0/24", "fd00::/64", "10.0.0.300"}, "Tls", "AnonymousUsers"));
    connectors.push_back(connector(server, "Hub relay " + server, "HubTransport", {"10.0.0.5:2525"}, {"10.0.0.12"},
                                   "None", "AnonymousUsers"));
  }
  json servers = json::array(
      {"EX01=10.0.0.11,fd00::11", "EX02=10.0.0.12,fd00::12", "EX03=10.0.1.13",
       json{{"Name", "LEGACY"}, {"AdminDisplayVersion", "Version 14.3 (Build 123.4)"}, {"Address", "10.0.0.20"}},
       "UNKNOWN"});
  json queries = json::array({json{{"remoteAddress", "10.0.0.12"}},
                              json{{"remoteAddress", "10.0.0.12"}, {"port", 2525}, {"localAddress", "10.0.0.5"}},
                              json{{"remoteAddress", "fd00::12"}, {"server", "EX02"}},
                              json{{"remoteAddress", "192.0.2.1"}, {"port", 587}}});
  return json{{"operation", operation}, {"connectors", connectors}, {"servers", servers}, {"queries", queries}};
}

struct Outcome {
  bool ok = false;
  std::string text;  // the response or the error
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome run(const std::string& request) {
  auto r = ecd::run_request(request);
  return {r.ok, r.ok ? r.response : r.error};
}

TEST(AbiThreads, ConcurrentRequestsGiveTheSingleThreadedResults) {
  const std::vector<std::string> requests = {
      organisation_request("analyze").dump(),
      organisation_request("resolve").dump(),
      json{{"operation", "rules"}}.dump(),
      "not json",
      [] {
        json r = organisation_request("analyze");
        r["minimumSeverity"] = "Error";
        r["excludeRules"] = {"ECD0102"};
        return r.dump();
      }(),
  };
  std::vector<Outcome> expected;
  for (const auto& r : requests) expected.push_back(run(r));
  ASSERT_TRUE(expected[0].ok && expected[1].ok && expected[2].ok && !expected[3].ok && expected[4].ok);
  ASSERT_NE(expected[0].text.find("ECD0101"), std::string::npos);  // the analysis found something

  constexpr int kThreads = 8, kRequestsPerThread = 50;
  std::atomic<int> mismatches{0}, done{0};
  std::vector<std::string> first_mismatch(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsPerThread; ++i) {
        std::size_t which = static_cast<std::size_t>(t + i) % requests.size();
        Outcome got = run(requests[which]);
        if (!(got == expected[which])) {
          if (mismatches++ == 0) first_mismatch[static_cast<std::size_t>(t)] = "request " + std::to_string(which);
        }
        ++done;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(done.load(), kThreads * kRequestsPerThread);
  EXPECT_EQ(mismatches.load(), 0);
  for (const auto& m : first_mismatch)
    if (!m.empty()) ADD_FAILURE() << "first mismatch: " << m;
}

}  // namespace

}  // namespace abi_threads_test
