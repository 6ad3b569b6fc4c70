#include "retailers/walmart_signature.h"

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "retailers/http_client.h"

namespace wic::retailers {

Result<std::shared_ptr<WalmartSigner>> WalmartSigner::load(std::string consumer_id, std::string key_version,
                                                           const std::string& private_key_path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(private_key_path.c_str(), "r"), &std::fclose);
  if (file == nullptr) {
    return Error{"walmart_key_unreadable",
                 fmt::format("cannot open the Walmart private key file \"{}\": set WALMART_PRIVATE_KEY_PATH to a "
                             "readable PEM file",
                             private_key_path)};
  }
  EVP_PKEY* key = PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr);
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return Error{"walmart_key_invalid",
                 fmt::format("the Walmart private key file \"{}\" holds no RSA private key in PEM form: set "
                             "WALMART_PRIVATE_KEY_PATH to the key registered with Walmart",
                             private_key_path)};
  }
  return std::shared_ptr<WalmartSigner>(new WalmartSigner(std::move(consumer_id), std::move(key_version), key));
}

WalmartSigner::WalmartSigner(std::string consumer_id, std::string key_version, void* key)
    : consumer_id_(std::move(consumer_id)), key_version_(std::move(key_version)), key_(key) {}

WalmartSigner::~WalmartSigner() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string WalmartSigner::canonical_text(const std::string& timestamp_ms) const {
  return consumer_id_ + "\n" + timestamp_ms + "\n" + key_version_ + "\n";
}

std::string WalmartSigner::sign(const std::string& text) const {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::size_t length = 0;
  if (context == nullptr ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_)) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size()) != 1) {
    throw std::runtime_error("OpenSSL could not start an RSA-SHA256 signature for Walmart");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1) {
    throw std::runtime_error("OpenSSL could not compute an RSA-SHA256 signature for Walmart");
  }
  signature.resize(length);
  return base64_encode(signature);
}

std::vector<std::pair<std::string, std::string>> WalmartSigner::headers(SystemTime now) const {
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::string timestamp = std::to_string(milliseconds);

  return {
      {"WM_CONSUMER.ID", consumer_id_},
      {"WM_CONSUMER.INTIMESTAMP", timestamp},
      {"WM_SEC.KEY_VERSION", key_version_},
      {"WM_SEC.AUTH_SIGNATURE", sign(canonical_text(timestamp))},
  };
}

}  // namespace wic::retailers
