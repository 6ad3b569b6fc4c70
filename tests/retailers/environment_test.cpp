#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "retailers/environment.h"
#include "retailers/retailers_config.h"

namespace wic::retailers {
namespace {

TEST(DotenvTest, ParsesCommonForms) {
  const std::string text =
      "# comment\n"
      "\n"
      "KROGER_CLIENT_ID=plain-id\n"
      "export WALMART_CLIENT_ID = spaced \n"
      "SINGLE='a # not a comment'\n"
      "DOUBLE=\"line\\nbreak \\\"quoted\\\"\"\n"
      "TRAILING=value # comment\n"
      "EMPTY=\n";

  const auto parsed = parse_dotenv(text, ".env");

  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->at("KROGER_CLIENT_ID"), "plain-id");
  EXPECT_EQ(parsed->at("WALMART_CLIENT_ID"), "spaced");
  EXPECT_EQ(parsed->at("SINGLE"), "a # not a comment");
  EXPECT_EQ(parsed->at("DOUBLE"), "line\nbreak \"quoted\"");
  EXPECT_EQ(parsed->at("TRAILING"), "value");
  EXPECT_EQ(parsed->at("EMPTY"), "");
}

TEST(DotenvTest, ErrorNamesLineNotValue) {
  const auto parsed = parse_dotenv("A=1\nKROGER_CLIENT_SECRET=\"hunter2-secret\n", "/etc/wic/.env");

  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("/etc/wic/.env line 2"), std::string::npos) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find("KROGER_CLIENT_SECRET"), std::string::npos);
  EXPECT_EQ(parsed.error().message.find("hunter2"), std::string::npos);
}

TEST(DotenvTest, RejectsLineWithoutEquals) {
  const auto parsed = parse_dotenv("just words\n", ".env");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("line 1"), std::string::npos);
}

TEST(EnvironmentTest, ProcessWinsOverFile) {
  const auto path = std::filesystem::temp_directory_path() / "wic-retailers-env-test.env";
  std::ofstream(path) << "WIC_TEST_ONLY_IN_FILE=file\nWIC_TEST_IN_BOTH=file\n";
  ::setenv("WIC_TEST_IN_BOTH", "process", 1);

  const auto environment = Environment::from_process_and_file(path.string());

  ASSERT_TRUE(environment.ok()) << environment.error().message;
  EXPECT_EQ(environment->get("WIC_TEST_ONLY_IN_FILE"), "file");
  EXPECT_EQ(environment->get("WIC_TEST_IN_BOTH"), "process");
  EXPECT_FALSE(environment->get("WIC_TEST_NOT_SET").has_value());
  ::unsetenv("WIC_TEST_IN_BOTH");
  std::filesystem::remove(path);
}

TEST(EnvironmentTest, MissingFileIsFine) {
  const auto environment = Environment::from_process_and_file("/nonexistent/wic/.env");
  EXPECT_TRUE(environment.ok());
}

TEST(RetailersConfigTest, DefaultsToProductionHosts) {
  const auto config = load_retailers_config(Environment::from_map({}));

  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->walmart.base_url, "https://developer.api.walmart.com/api-proxy/service");
  EXPECT_EQ(config->walmart.token_url, "https://marketplace.walmartapis.com/v3/token");
  EXPECT_EQ(config->kroger.base_url, "https://api.kroger.com");
  EXPECT_EQ(config->kroger.token_url, "https://api.kroger.com/v1/connect/oauth2/token");
  EXPECT_FALSE(config->walmart.enabled());
  EXPECT_FALSE(config->kroger.enabled());
  EXPECT_FALSE(config->simulated);
}

TEST(RetailersConfigTest, SandboxUrlPointsEveryRetailerAtSandbox) {
  const auto config = load_retailers_config(Environment::from_map({{"WIC_SANDBOX_URL", "http://127.0.0.1:8089/"}}));

  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->simulated);
  EXPECT_EQ(config->walmart.base_url, "http://127.0.0.1:8089/api-proxy/service");
  EXPECT_EQ(config->walmart.token_url, "http://127.0.0.1:8089/v3/token");
  EXPECT_EQ(config->kroger.base_url, "http://127.0.0.1:8089");
  EXPECT_EQ(config->kroger.token_url, "http://127.0.0.1:8089/v1/connect/oauth2/token");
  EXPECT_EQ(config->walmart.client_id, "sandbox-client");
  EXPECT_EQ(config->kroger.client_secret.reveal(), "sandbox-secret");
  EXPECT_TRUE(config->walmart.enabled());
  EXPECT_TRUE(config->kroger.enabled());
}

TEST(RetailersConfigTest, GivenCredentialsWinOverSandboxOnes) {
  const auto config = load_retailers_config(Environment::from_map(
      {{"WIC_SANDBOX_URL", "http://127.0.0.1:8089"}, {"KROGER_CLIENT_ID", "mine"}, {"KROGER_CLIENT_SECRET", "s"}}));

  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->kroger.client_id, "mine");
  EXPECT_EQ(config->kroger.client_secret.reveal(), "s");
  EXPECT_EQ(config->walmart.client_id, "sandbox-client");
}

TEST(RetailersConfigTest, InvalidValuesNameVariable) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases{
      {{{"WIC_SANDBOX_URL", "localhost:8089"}}, "WIC_SANDBOX_URL"},
      {{{"KROGER_BASE_URL", "ftp://x"}}, "KROGER_BASE_URL"},
      {{{"WIC_HTTP_TIMEOUT_MS", "soon"}}, "WIC_HTTP_TIMEOUT_MS"},
      {{{"WIC_HTTP_MAX_ATTEMPTS", "0"}}, "WIC_HTTP_MAX_ATTEMPTS"},
      {{{"WALMART_CONSUMER_ID", "c"}}, "WALMART_PRIVATE_KEY_PATH"},
  };
  for (const auto& [variables, expected] : cases) {
    const auto config = load_retailers_config(Environment::from_map(variables));
    ASSERT_FALSE(config.ok()) << expected;
    EXPECT_NE(config.error().message.find(expected), std::string::npos) << config.error().message;
  }
}

TEST(RetailersConfigTest, HttpOptionsFromEnvironment) {
  const auto config = load_retailers_config(Environment::from_map(
      {{"WIC_HTTP_CONNECT_TIMEOUT_MS", "750"}, {"WIC_HTTP_TIMEOUT_MS", "4000"}, {"WIC_HTTP_MAX_ATTEMPTS", "5"},
       {"WIC_TOKEN_REFRESH_MARGIN_SECONDS", "120"}, {"WIC_RATE_LIMIT_WAIT_MS", "2500"}}));

  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->http.connect_timeout, std::chrono::milliseconds{750});
  EXPECT_EQ(config->http.total_timeout, std::chrono::milliseconds{4000});
  EXPECT_EQ(config->http.max_attempts, 5);
  EXPECT_EQ(config->token_refresh_margin, std::chrono::seconds{120});
  EXPECT_EQ(config->rate_limit_wait, std::chrono::milliseconds{2500});
}

}  // namespace
}  // namespace wic::retailers
