#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "sandbox_fixture.h"

namespace wic::retailers {
namespace {

using std::chrono::milliseconds;

const StoreId kWalmartStore = *StoreId::make(Retailer::kWalmart, "1001");

struct FaultCase {
  const char* name;
  sandbox::FaultRates rates;
  ErrorKind expected;
  int calls;  // calls per batch the sandbox should see
};

std::vector<FaultCase> fault_cases() {
  std::vector<FaultCase> cases;
  sandbox::FaultRates rates;
  rates.error_500 = 1;
  cases.push_back({"error_500", rates, ErrorKind::kUpstream, 3});  // retried up to WIC_HTTP_MAX_ATTEMPTS
  rates = {};
  rates.error_503 = 1;
  cases.push_back({"error_503", rates, ErrorKind::kUpstream, 3});
  rates = {};
  rates.timeout = 1;
  rates.timeout_ms = milliseconds{1000};
  cases.push_back({"timeout", rates, ErrorKind::kTimeout, 3});
  rates = {};
  rates.reset = 1;
  cases.push_back({"reset", rates, ErrorKind::kUpstream, 3});
  rates = {};
  rates.malformed_json = 1;
  cases.push_back({"malformed_json", rates, ErrorKind::kMalformedResponse, 1});
  rates = {};
  rates.truncated_json = 1;
  cases.push_back({"truncated_json", rates, ErrorKind::kMalformedResponse, 1});
  return cases;
}

class FaultSandboxTest : public SandboxTest {};

TEST_F(FaultSandboxTest, EachWalmartFaultIsTypedUnknown) {
  start();
  const std::vector<Gtin> gtins = products(25);
  ASSERT_FALSE(walmart().fetch_availability(kWalmartStore, gtins).error.has_value());

  for (const FaultCase& fault : fault_cases()) {
    SCOPED_TRACE(fault.name);
    sandbox_->set_faults({{"walmart.items", fault.rates}});
    const auto calls_before = stats().calls_to("walmart.items");

    const AvailabilityBatch batch = walmart().fetch_availability(kWalmartStore, gtins);

    ASSERT_TRUE(batch.error.has_value());
    EXPECT_EQ(batch.error->kind, fault.expected) << batch.error->message;
    for (const Availability& result : batch.results) {
      EXPECT_EQ(result.status, StockStatus::kUnknown);
      ASSERT_TRUE(result.error.has_value());
      EXPECT_EQ(result.error->kind, fault.expected);
    }
    // Two chunks of ids (20 + 5), each with its own attempts.
    EXPECT_EQ(stats().calls_to("walmart.items") - calls_before, 2 * fault.calls);
  }
}

TEST_F(FaultSandboxTest, EachKrogerFaultIsTypedUnknown) {
  start();
  const StoreId store = *StoreId::make(Retailer::kKroger, catalog_->kroger_stores().front().location_id);
  const std::vector<Gtin> gtins = products(10);

  for (const FaultCase& fault : fault_cases()) {
    SCOPED_TRACE(fault.name);
    sandbox_->set_faults({{"kroger.products", fault.rates}});
    const auto calls_before = stats().calls_to("kroger.products");

    const AvailabilityBatch batch = kroger().fetch_availability(store, gtins);

    ASSERT_TRUE(batch.error.has_value());
    EXPECT_EQ(batch.error->kind, fault.expected) << batch.error->message;
    for (const Availability& result : batch.results) {
      EXPECT_EQ(result.status, StockStatus::kUnknown);
    }
    EXPECT_EQ(stats().calls_to("kroger.products") - calls_before, fault.calls);
  }
}

TEST_F(FaultSandboxTest, TokenEndpointFaultIsTypedError) {
  start();
  sandbox::FaultRates rates;
  rates.error_503 = 1;
  sandbox_->set_faults({{"kroger.token", rates}});
  const StoreId store = *StoreId::make(Retailer::kKroger, catalog_->kroger_stores().front().location_id);

  const AvailabilityBatch batch = kroger().fetch_availability(store, products(3));

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kUpstream);
  EXPECT_EQ(batch.error->http_status, 503);
  EXPECT_EQ(stats().calls_to("kroger.products"), 0);
}

// Collects every log line of the process while it lives.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return lines_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream lines_;
};

TEST_F(FaultSandboxTest, SecretsAndTokensNeverLogged) {
  LogCapture capture;
  variables_["KROGER_CLIENT_ID"] = "kroger-client";
  variables_["KROGER_CLIENT_SECRET"] = "kroger-secret-Zq81";  // rejected by the sandbox
  start();
  const StoreId kroger_store = *StoreId::make(Retailer::kKroger, catalog_->kroger_stores().front().location_id);
  std::vector<std::string> messages;

  // A successful pass with a token, a revoked token, a rejected secret and
  // failing responses: every path that logs or builds an error.
  const auto walmart_pass = walmart().fetch_availability(kWalmartStore, products(5));
  const auto walmart_tokens = connectors_.tokens->get(config_.walmart.token_url, "sandbox-client", "", [] {
    return std::shared_ptr<OAuthTokenSource>();
  });
  const auto first_token = walmart_tokens->token();
  ASSERT_TRUE(first_token.ok());
  sandbox_->revoke_all_tokens();
  const auto walmart_renewed = walmart().fetch_availability(kWalmartStore, products(5));
  sandbox::FaultRates failing;
  failing.error_500 = 1;
  sandbox_->set_faults({{"walmart.items", failing}});
  const auto walmart_failed = walmart().fetch_availability(kWalmartStore, products(5));
  const auto kroger_rejected = kroger().fetch_availability(kroger_store, products(5));
  const auto second_token = walmart_tokens->token();
  ASSERT_TRUE(second_token.ok());
  ASSERT_NE(second_token->reveal(), first_token->reveal());
  for (const auto* batch : {&walmart_pass, &walmart_renewed, &walmart_failed, &kroger_rejected}) {
    if (batch->error) {
      messages.push_back(batch->error->message);
    }
    for (const auto& result : batch->results) {
      if (result.error) {
        messages.push_back(result.error->message);
      }
    }
  }

  ASSERT_TRUE(kroger_rejected.error.has_value());
  EXPECT_EQ(kroger_rejected.error->kind, ErrorKind::kAuthentication);
  const std::string logs = capture.text();
  ASSERT_NE(logs.find("kroger-client"), std::string::npos) << "the capture saw no retailer log lines";
  const std::vector<std::string> secrets{"kroger-secret-Zq81", "sandbox-secret", first_token->reveal(),
                                         second_token->reveal(),
                                         base64_encode("kroger-client:kroger-secret-Zq81"),
                                         base64_encode("sandbox-client:sandbox-secret")};
  for (const std::string& secret : secrets) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << "a secret or token is in the log";
    for (const std::string& message : messages) {
      EXPECT_EQ(message.find(secret), std::string::npos) << "a secret or token is in: " << message;
    }
  }
}

}  // namespace
}  // namespace wic::retailers
