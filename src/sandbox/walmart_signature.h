#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace wic::sandbox {

// A Walmart affiliate consumer the sandbox accepts signatures from.
struct WalmartConsumer {
  std::string consumer_id;
  std::string key_version = "1";
  std::string public_key_pem;  // RSA public key, PEM ("BEGIN PUBLIC KEY")
};

// Reads a PEM public key file for a consumer.
Result<WalmartConsumer> load_walmart_consumer(std::string consumer_id, const std::filesystem::path& public_key_file,
                                              std::string key_version = "1");

// The signed headers of one affiliate call.
struct SignedHeaders {
  std::string consumer_id;   // WM_CONSUMER.ID
  std::string timestamp_ms;  // WM_CONSUMER.INTIMESTAMP, Unix epoch milliseconds
  std::string key_version;   // WM_SEC.KEY_VERSION
  std::string signature;     // WM_SEC.AUTH_SIGNATURE, base64
};

// Verifies Walmart affiliate signatures: base64 of an RSA-SHA256 (PKCS#1
// v1.5) signature over consumerId "\n" timestamp "\n" keyVersion "\n", with
// the timestamp within `max_skew` of the sandbox's clock. Thread-safe after
// construction.
class WalmartSignatureVerifier {
 public:
  // Fails when a consumer's key cannot be parsed.
  static Result<std::shared_ptr<const WalmartSignatureVerifier>> create(const std::vector<WalmartConsumer>& consumers,
                                                                        Duration max_skew);
  ~WalmartSignatureVerifier();

  // Nothing when valid; else the reason, fit for a 401 body.
  std::optional<Error> verify(const SignedHeaders& headers, SystemTime now) const;

 private:
  struct Key;
  WalmartSignatureVerifier() = default;

  std::map<std::string, std::unique_ptr<Key>> keys_;  // by consumer id
  Duration max_skew_{};
};

}  // namespace wic::sandbox
