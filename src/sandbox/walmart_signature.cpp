#include "sandbox/walmart_signature.h"

#include <fmt/format.h>
#include <fstream>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sstream>

#include "sandbox/wire.h"

namespace wic::sandbox {

struct WalmartSignatureVerifier::Key {
  std::string key_version;
  EVP_PKEY* public_key = nullptr;
  ~Key() { EVP_PKEY_free(public_key); }
};

namespace {

std::optional<std::int64_t> parse_milliseconds(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

}  // namespace

Result<WalmartConsumer> load_walmart_consumer(std::string consumer_id, const std::filesystem::path& public_key_file,
                                              std::string key_version) {
  std::ifstream in(public_key_file);
  if (!in) {
    return Error{"file_not_found", fmt::format("cannot read public key file \"{}\" of Walmart consumer \"{}\"",
                                               public_key_file.string(), consumer_id)};
  }
  std::ostringstream pem;
  pem << in.rdbuf();
  return WalmartConsumer{std::move(consumer_id), std::move(key_version), pem.str()};
}

WalmartSignatureVerifier::~WalmartSignatureVerifier() = default;

Result<std::shared_ptr<const WalmartSignatureVerifier>> WalmartSignatureVerifier::create(
    const std::vector<WalmartConsumer>& consumers, Duration max_skew) {
  std::shared_ptr<WalmartSignatureVerifier> verifier(new WalmartSignatureVerifier());
  verifier->max_skew_ = max_skew;

  for (const auto& consumer : consumers) {
    BIO* bio = BIO_new_mem_buf(consumer.public_key_pem.data(), static_cast<int>(consumer.public_key_pem.size()));
    EVP_PKEY* public_key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (public_key == nullptr || EVP_PKEY_base_id(public_key) != EVP_PKEY_RSA) {
      EVP_PKEY_free(public_key);
      return Error{"invalid_public_key",
                   fmt::format("invalid public key of Walmart consumer \"{}\": expected an RSA public key in PEM "
                               "(\"-----BEGIN PUBLIC KEY-----\"), e.g. from `openssl rsa -pubout`",
                               consumer.consumer_id)};
    }
    auto key = std::make_unique<Key>();
    key->key_version = consumer.key_version;
    key->public_key = public_key;
    verifier->keys_[consumer.consumer_id] = std::move(key);
  }
  return std::shared_ptr<const WalmartSignatureVerifier>(std::move(verifier));
}

std::optional<Error> WalmartSignatureVerifier::verify(const SignedHeaders& headers, SystemTime now) const {
  const auto found = keys_.find(headers.consumer_id);
  if (found == keys_.end()) {
    return Error{"unknown_consumer", fmt::format("unknown WM_CONSUMER.ID \"{}\"", headers.consumer_id)};
  }
  const Key& key = *found->second;
  if (headers.key_version != key.key_version) {
    return Error{"invalid_key_version", fmt::format("WM_SEC.KEY_VERSION \"{}\" does not match the key version of "
                                                    "this consumer",
                                                    headers.key_version)};
  }

  const auto timestamp = parse_milliseconds(headers.timestamp_ms);
  if (!timestamp) {
    return Error{"invalid_timestamp", fmt::format("invalid WM_CONSUMER.INTIMESTAMP \"{}\": expected Unix epoch "
                                                  "milliseconds",
                                                  headers.timestamp_ms)};
  }
  const auto signed_at = SystemTime(std::chrono::milliseconds(*timestamp));
  const auto skew = signed_at > now ? signed_at - now : now - signed_at;
  if (skew > max_skew_) {
    return Error{"expired_signature",
                 fmt::format("WM_CONSUMER.INTIMESTAMP {} is {} s away from the server's time; signatures are "
                             "valid for {} s",
                             *timestamp, std::chrono::duration_cast<std::chrono::seconds>(skew).count(),
                             std::chrono::duration_cast<std::chrono::seconds>(max_skew_).count())};
  }

  const auto signature = decode_base64(headers.signature);
  if (!signature) {
    return Error{"invalid_signature", "WM_SEC.AUTH_SIGNATURE is not valid base64"};
  }
  const std::string message = headers.consumer_id + "\n" + headers.timestamp_ms + "\n" + headers.key_version + "\n";
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool valid =
      EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key.public_key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(context);
  if (!valid) {
    return Error{"invalid_signature", "WM_SEC.AUTH_SIGNATURE does not verify against the consumer's public key"};
  }
  return std::nullopt;
}

}  // namespace wic::sandbox
