#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace wic::retailers {

// Signs Walmart affiliate (walmart.io) requests. Each request carries
// WM_CONSUMER.ID, WM_CONSUMER.INTIMESTAMP (Unix time in milliseconds),
// WM_SEC.KEY_VERSION and WM_SEC.AUTH_SIGNATURE: the base64 of an RSA-SHA256
// (PKCS#1 v1.5) signature over
// consumer id + "\n" + timestamp + "\n" + key version + "\n".
// Thread-safe: signing only reads the key.
class WalmartSigner {
 public:
  // Loads the PEM private key from `private_key_path`. The error names the
  // path and the variable that sets it, never the key.
  static Result<std::shared_ptr<WalmartSigner>> load(std::string consumer_id, std::string key_version,
                                                     const std::string& private_key_path);
  ~WalmartSigner();
  WalmartSigner(const WalmartSigner&) = delete;
  WalmartSigner& operator=(const WalmartSigner&) = delete;

  // The four headers for a request sent at `now`.
  std::vector<std::pair<std::string, std::string>> headers(SystemTime now) const;

  // The signed text for `timestamp_ms`.
  std::string canonical_text(const std::string& timestamp_ms) const;
  // Base64 signature of `text`.
  std::string sign(const std::string& text) const;

 private:
  WalmartSigner(std::string consumer_id, std::string key_version, void* key);

  std::string consumer_id_;
  std::string key_version_;
  void* key_;  // EVP_PKEY*
};

}  // namespace wic::retailers
