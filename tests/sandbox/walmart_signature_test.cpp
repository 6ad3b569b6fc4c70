#include "sandbox/walmart_signature.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "sandbox/wire.h"
#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

// An RSA key pair made for the test; the private key never leaves memory.
class TestKey {
 public:
  TestKey() {
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr);
    EVP_PKEY_keygen_init(context);
    EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048);
    EVP_PKEY_keygen(context, &key_);
    EVP_PKEY_CTX_free(context);
  }
  ~TestKey() { EVP_PKEY_free(key_); }

  std::string public_pem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key_);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return pem;
  }

  std::string sign(const std::string& message) const {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t size = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key_);
    EVP_DigestSign(context, nullptr, &size, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    std::string signature(size, '\0');
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &size,
                   reinterpret_cast<const unsigned char*>(message.data()), message.size());
    EVP_MD_CTX_free(context);
    signature.resize(size);

    std::string encoded(4 * ((signature.size() + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                    reinterpret_cast<const unsigned char*>(signature.data()), static_cast<int>(signature.size()));
    return encoded;
  }

 private:
  EVP_PKEY* key_ = nullptr;
};

const TestKey& test_key() {
  static const TestKey key;
  return key;
}

class SignatureTest : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    SandboxConfig config = test_config(clock_);
    config.walmart_consumers.push_back({"consumer-123", "2", test_key().public_pem()});
    restart(std::move(config));
  }

  testing::HeaderList signed_headers(const std::string& consumer_id, SystemTime at, const std::string& version) {
    const std::string timestamp = std::to_string(epoch_milliseconds(at));
    const std::string signature = test_key().sign(consumer_id + "\n" + timestamp + "\n" + version + "\n");
    return {{"WM_CONSUMER.ID", consumer_id},
            {"WM_CONSUMER.INTIMESTAMP", timestamp},
            {"WM_SEC.KEY_VERSION", version},
            {"WM_SEC.AUTH_SIGNATURE", signature}};
  }

  std::string item_path() const { return std::string(kItemsPath) + "?upc=" + a_cereal().upc; }
};

TEST_F(SignatureTest, ValidSignatureAccepted) {
  const auto response = client_->get(item_path(), signed_headers("consumer-123", clock_->system_now(), "2"));

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(parse_json(response.body).at("items").at(0).at("upc").as_string(), a_cereal().upc);
  EXPECT_EQ(sandbox_->stats().calls_to("walmart.items", "consumer-123"), 1);
}

TEST_F(SignatureTest, SkewWithinLimitAccepted) {
  const auto response = client_->get(
      item_path(), signed_headers("consumer-123", clock_->system_now() - std::chrono::seconds(179), "2"));

  EXPECT_EQ(response.status, 200) << response.body;
}

TEST_F(SignatureTest, StaleTimestampRejected) {
  const auto response = client_->get(
      item_path(), signed_headers("consumer-123", clock_->system_now() - std::chrono::seconds(181), "2"));

  EXPECT_EQ(response.status, 401);
  EXPECT_NE(parse_json(response.body).at("errors").at(0).at("message").as_string().find("valid for 180 s"),
            std::string::npos);
}

TEST_F(SignatureTest, WrongKeyVersionRejected) {
  const auto response = client_->get(item_path(), signed_headers("consumer-123", clock_->system_now(), "1"));

  EXPECT_EQ(response.status, 401);
}

TEST_F(SignatureTest, UnknownConsumerRejected) {
  const auto response = client_->get(item_path(), signed_headers("someone-else", clock_->system_now(), "2"));

  EXPECT_EQ(response.status, 401);
}

TEST_F(SignatureTest, TamperedSignatureRejected) {
  auto headers = signed_headers("consumer-123", clock_->system_now(), "2");
  // Sign one timestamp, send another.
  headers[1].second = std::to_string(epoch_milliseconds(clock_->system_now()) + 1);

  const auto response = client_->get(item_path(), headers);

  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(parse_json(response.body).at("errors").at(0).at("field").as_string(), "WM_SEC.AUTH_SIGNATURE");
}

TEST_F(SignatureTest, MissingHeaderRejected) {
  auto headers = signed_headers("consumer-123", clock_->system_now(), "2");
  headers.pop_back();

  const auto response = client_->get(item_path(), headers);

  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(parse_json(response.body).at("errors").at(0).at("field").as_string(), "WM_SEC.AUTH_SIGNATURE");
}

TEST(WalmartSignatureVerifier, InvalidKeyFails) {
  const auto verifier =
      WalmartSignatureVerifier::create({{"consumer-1", "1", "-----BEGIN PUBLIC KEY-----\nnot a key\n"}},
                                       std::chrono::seconds(180));

  ASSERT_FALSE(verifier.ok());
  EXPECT_NE(verifier.error().message.find("consumer-1"), std::string::npos);
}

}  // namespace
}  // namespace wic::sandbox
