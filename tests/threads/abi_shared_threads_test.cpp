// Many analyses at once through the shared library's C ABI (libecd.so / ecd.dll, ecd.h: "Independent
// calls may run on any number of threads at once"), the way PowerShell runspaces call it: every response
// must be byte-identical to the single-threaded one, and every refusal must carry its own thread's message.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ecd.h"
#include "generated_organisation.h"

namespace {

using json = nlohmann::json;

struct Outcome {
  std::int32_t status = 0;
  std::string text;  // the response, or ecd_errmsg() on this thread
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

Outcome run(const std::string& request) {
  ecd_response* response = nullptr;
  Outcome out;
  out.status = ecd_request_run(request.data(), request.size(), &response);
  if (out.status == ECD_OK) {
    const char* text = nullptr;
    std::size_t length = 0;
    if (ecd_response_json(response, &text, &length) == ECD_OK) out.text.assign(text, length);
  } else {
    out.text = ecd_errmsg();
  }
  ecd_response_free(response);
  return out;
}

std::string example_request() {
  std::ifstream in(std::string(ECD_SOURCE_DIR) + "/examples/contoso-GetReceiveConnector.json", std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return json{{"operation", "analyze"},
              {"connectors", json::parse(text)},
              {"servers", {"EX01=10.0.0.11", "EX02=10.0.0.12", "LEGACY01=10.0.0.5"}}}
      .dump();
}

std::vector<std::string> requests() {
  json resolve = ecd::bench::organisation_request(20);
  resolve["operation"] = "resolve";
  resolve["queries"] = {{{"remoteAddress", "10.0.0.12"}}, {{"remoteAddress", "172.16.0.1"}, {"port", 25}}};
  return {
      example_request(),
      ecd::bench::organisation_request(20).dump(),
      resolve.dump(),
      json{{"operation", "rules"}}.dump(),
      "{\"operation\": \"analyze\", \"connectors\": [",         // refused: not JSON
      "{\"connectors\": [{\"Identity\": \"EX01\\\\R\xFF\"}]}",  // refused: not UTF-8
  };
}

TEST(AbiSharedLibraryThreads, ConcurrentRequestsGiveByteIdenticalResultsToSingleThreadedRuns) {
  const auto all = requests();
  std::vector<Outcome> expected;
  for (const auto& r : all) expected.push_back(run(r));
  ASSERT_EQ(expected[0].status, ECD_OK);
  ASSERT_NE(expected[0].text.find("ECD0101"), std::string::npos) << "the example's relay capture must be found";
  ASSERT_NE(expected[1].text.find("ECD0101"), std::string::npos);
  ASSERT_EQ(expected[4].status, ECD_EREQUEST);
  ASSERT_NE(expected[5].text.find("invalid UTF-8 at byte"), std::string::npos) << expected[5].text;

  constexpr int kThreads = 8, kRounds = 12;
  std::atomic<int> mismatches{0}, runs{0};
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  std::vector<std::string> first_mismatch(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();  // all threads call into the library at the same moment
      for (int i = 0; i < kRounds * static_cast<int>(all.size()); ++i) {
        const std::size_t which = static_cast<std::size_t>(t * 7 + i) % all.size();
        Outcome got = run(all[which]);
        ++runs;
        if (!(got == expected[which]) && mismatches++ == 0)
          first_mismatch[static_cast<std::size_t>(t)] = "request " + std::to_string(which) + " gave " + got.text;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(runs.load(), kThreads * kRounds * static_cast<int>(all.size()));
  EXPECT_EQ(mismatches.load(), 0);
  for (const auto& m : first_mismatch)
    if (!m.empty()) ADD_FAILURE() << "first mismatch: " << m.substr(0, 300);
}

TEST(AbiSharedLibraryThreads, EachThreadKeepsItsOwnLastErrorMessage) {
  const std::string bad = "not json";
  const std::string good = json{{"operation", "rules"}}.dump();
  std::barrier step(2);
  std::string failed_message, succeeded_message = "unset";
  std::thread failing([&] {
    ecd_response* r = nullptr;
    EXPECT_EQ(ecd_request_run(bad.data(), bad.size(), &r), ECD_EREQUEST);
    step.arrive_and_wait();  // the other thread succeeds now
    step.arrive_and_wait();
    failed_message = ecd_errmsg();
  });
  std::thread succeeding([&] {
    step.arrive_and_wait();
    ecd_response* r = nullptr;
    EXPECT_EQ(ecd_request_run(good.data(), good.size(), &r), ECD_OK);
    ecd_response_free(r);
    succeeded_message = ecd_errmsg();
    step.arrive_and_wait();
  });
  failing.join();
  succeeding.join();
  EXPECT_NE(failed_message.find("the request is not valid JSON at byte"), std::string::npos) << failed_message;
  EXPECT_EQ(succeeded_message, "");
}

}  // namespace
