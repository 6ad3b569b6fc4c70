// retailer-sandbox: serves the Walmart and Kroger APIs on 127.0.0.1 with a
// simulated catalog, stock, quotas and faults. See docs/sandbox.md.

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <spdlog/spdlog.h>
#include <sstream>

#include "core/scaled_clock.h"
#include "core/simulated_time.h"
#include "sandbox/sandbox_server.h"
#include "sandbox/wire.h"

namespace {

using wic::sandbox::FaultSettings;
using wic::sandbox::SandboxConfig;

struct Flags {
  int port = 8089;
  int threads = 2;
  std::uint64_t seed = 1;
  std::string data_dir = wic::sandbox::default_data_directory().string();
  std::string client_id = std::string(wic::sandbox::kTestClientId);
  std::string client_secret = std::string(wic::sandbox::kTestClientSecret);
  std::vector<std::string> walmart_consumers;
  double time_scale = 1.0;
  std::string start_time;
  std::string time_anchor;
  std::string faults;
  std::string log_level = "info";
};

// "id=path/to/key.pem" or "id=path/to/key.pem:version".
wic::Result<wic::sandbox::WalmartConsumer> parse_consumer(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return wic::Error{"invalid_consumer", fmt::format("invalid --walmart-consumer \"{}\": expected "
                                                      "CONSUMER_ID=PUBLIC_KEY.pem[:KEY_VERSION]",
                                                      text)};
  }
  std::string path = text.substr(equals + 1);
  std::string version = "1";
  if (const auto colon = path.rfind(':'); colon != std::string::npos) {
    version = path.substr(colon + 1);
    path.resize(colon);
  }
  return wic::sandbox::load_walmart_consumer(text.substr(0, equals), path, version);
}

// --faults takes inline JSON or the path of a JSON file.
wic::Result<FaultSettings> parse_faults(const std::string& text) {
  std::string json_text = text;
  if (!text.empty() && text.front() != '{') {
    std::ifstream in(text);
    if (!in) {
      return wic::Error{"file_not_found", fmt::format("cannot read --faults file \"{}\"", text)};
    }
    std::ostringstream content;
    content << in.rdbuf();
    json_text = content.str();
  }
  boost::system::error_code error;
  const auto value = boost::json::parse(json_text, error);
  if (error) {
    return wic::Error{"invalid_json", fmt::format("--faults is not valid JSON: {}", error.message())};
  }
  return wic::sandbox::parse_fault_settings(value);
}

wic::Result<SandboxConfig> make_config(const Flags& flags, const SandboxConfig& defaults) {
  SandboxConfig config = defaults;
  config.seed = flags.seed;
  config.catalog_files = wic::sandbox::CatalogFiles::in_directory(flags.data_dir);
  config.walmart_clients = {{flags.client_id, flags.client_secret}};
  config.kroger_clients = {{flags.client_id, flags.client_secret}};
  config.http.port = static_cast<std::uint16_t>(flags.port);
  config.http.threads = flags.threads;

  for (const auto& text : flags.walmart_consumers) {
    auto consumer = parse_consumer(text);
    if (!consumer) {
      return consumer.error();
    }
    config.walmart_consumers.push_back(*consumer);
  }

  std::optional<wic::SystemTime> start;
  if (!flags.start_time.empty()) {
    auto parsed = wic::parse_start_time(flags.start_time, "--start-time");
    if (!parsed) {
      return parsed.error();
    }
    start = *parsed;
  }
  std::optional<wic::SystemTime> anchor;
  if (!flags.time_anchor.empty()) {
    auto parsed = wic::parse_time_anchor(flags.time_anchor, "--time-anchor");
    if (!parsed) {
      return parsed.error();
    }
    anchor = *parsed;
  }
  config.clock = std::make_shared<wic::ScaledClock>(flags.time_scale, start, wic::RealClock::shared(), anchor);

  if (!flags.faults.empty()) {
    auto faults = parse_faults(flags.faults);
    if (!faults) {
      return faults.error();
    }
    config.faults = *faults;
  }
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  SandboxConfig defaults;
  CLI::App app{"retailer-sandbox: local stand-in for the Walmart and Kroger APIs, with simulated stock, quotas "
               "and faults. Listens on 127.0.0.1 only. Test credentials: client id sandbox-client, secret "
               "sandbox-secret, for both retailers."};
  app.add_option("--port", flags.port, "TCP port on 127.0.0.1; 0 picks a free port and prints it")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_option("--threads", flags.threads, "threads serving connections")->check(CLI::Range(1, 64))->capture_default_str();
  app.add_option("--seed", flags.seed, "seed of the stock simulation and fault draws; same seed, same stock")
      ->capture_default_str();
  app.add_option("--data-dir", flags.data_dir,
                 "directory with michigan-apl.json, walmart-stores-mi.csv and us-zip-codes.csv")
      ->capture_default_str();
  app.add_option("--client-id", flags.client_id, "OAuth client id accepted by both retailers")->capture_default_str();
  app.add_option("--client-secret", flags.client_secret, "OAuth client secret accepted by both retailers (default sandbox-secret)");
  app.add_option("--walmart-consumer", flags.walmart_consumers,
                 "Walmart affiliate consumer for signed calls: CONSUMER_ID=PUBLIC_KEY.pem[:KEY_VERSION] "
                 "(repeatable; key version 1 when not given)");
  app.add_option("--walmart-daily-quota", defaults.quotas.walmart_daily, "Walmart calls per client per UTC day")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--kroger-products-daily-quota", defaults.quotas.kroger_products_daily,
                 "Kroger product calls per client per 24 hours from the first call")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--kroger-locations-daily-quota", defaults.quotas.kroger_locations_daily,
                 "Kroger location calls per client per 24 hours from the first call")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--burst-per-second", defaults.quotas.burst_per_second,
                 "calls per client and retailer in one second of simulated time; 0 turns the limit off")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--time-scale", flags.time_scale,
                 "simulated seconds per real second (60: one simulated hour a minute)")
      ->check(CLI::Range(0.0, wic::kMaxTimeScale))
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--start-time", flags.start_time,
                 "simulated time at the anchor, YYYY-MM-DDTHH:MM:SSZ (default: the anchor's time)");
  app.add_option("--time-anchor", flags.time_anchor,
                 "Unix time in milliseconds at which the simulated clock reads --start-time (default: start-up); "
                 "give wic-inventory the same three values so that both agree on the time");
  app.add_option("--faults", flags.faults,
                 "fault rates as JSON or a JSON file, e.g. '{\"all\":{\"error_503\":0.1,\"latency\":0.5,"
                 "\"latency_ms\":200}}'; see docs/sandbox.md");
  app.add_option("--log-level", flags.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  spdlog::set_level(spdlog::level::from_str(flags.log_level));
  auto config = make_config(flags, defaults);
  if (!config) {
    std::cerr << "retailer-sandbox: " << config.error().message << "\n";
    return 2;
  }

  // Blocked before the server's threads start, so they inherit the mask and
  // only sigwait below receives SIGTERM and SIGINT.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto sandbox = wic::sandbox::SandboxServer::start(*config);
  if (!sandbox) {
    std::cerr << "retailer-sandbox: " << sandbox.error().message << "\n";
    return 1;
  }
  std::cout << "retailer-sandbox listening on " << (*sandbox)->base_url() << "\n"
            << "test credentials for Walmart and Kroger: client id " << flags.client_id
            << (flags.client_secret == wic::sandbox::kTestClientSecret ? ", client secret sandbox-secret"
                                                                       : ", client secret as given")
            << "\n"
            << "Walmart store numbers and Kroger location ids are the sandbox's own, not the retailers'\n"
            << std::flush;

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("sandbox: received {}, stopping", received == SIGTERM ? "SIGTERM" : "SIGINT");
  (*sandbox)->stop();
  spdlog::info("sandbox: stopped");
  return 0;
}
