#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "retailers/http_client.h"
#include "retailers/walmart_signature.h"

namespace wic::retailers {
namespace {

using KeyPointer = std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)>;

std::string decode_base64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  bytes.resize(static_cast<std::size_t>(length));
  // EVP_DecodeBlock keeps the zero bytes that padding stands for.
  std::size_t padding = 0;
  while (padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  bytes.resize(bytes.size() - padding);
  return bytes;
}

bool verify(EVP_PKEY* key, const std::string& text, const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
}

class WalmartSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = KeyPointer(EVP_RSA_gen(2048), &EVP_PKEY_free);
    ASSERT_NE(key_, nullptr);
    path_ = std::filesystem::temp_directory_path() / "wic-walmart-test-key.pem";
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path_.c_str(), "w"), &std::fclose);
    ASSERT_EQ(PEM_write_PrivateKey(file.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  }
  void TearDown() override { std::filesystem::remove(path_); }

  KeyPointer key_{nullptr, &EVP_PKEY_free};
  std::filesystem::path path_;
};

TEST_F(WalmartSignatureTest, HeadersCarryVerifiableSignature) {
  const auto signer = WalmartSigner::load("consumer-1", "2", path_.string());
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  const SystemTime now{std::chrono::milliseconds{1700000000123}};

  const auto headers = (*signer)->headers(now);

  ASSERT_EQ(headers.size(), 4u);
  EXPECT_EQ(headers[0], (std::pair<std::string, std::string>{"WM_CONSUMER.ID", "consumer-1"}));
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"WM_CONSUMER.INTIMESTAMP", "1700000000123"}));
  EXPECT_EQ(headers[2], (std::pair<std::string, std::string>{"WM_SEC.KEY_VERSION", "2"}));
  EXPECT_EQ(headers[3].first, "WM_SEC.AUTH_SIGNATURE");
  EXPECT_TRUE(verify(key_.get(), "consumer-1\n1700000000123\n2\n", decode_base64(headers[3].second)));
  EXPECT_FALSE(verify(key_.get(), "consumer-1\n1700000000124\n2\n", decode_base64(headers[3].second)));
}

TEST_F(WalmartSignatureTest, MissingFileNamesPathAndVariable) {
  const auto signer = WalmartSigner::load("c", "1", "/nonexistent/walmart.pem");
  ASSERT_FALSE(signer.ok());
  EXPECT_NE(signer.error().message.find("/nonexistent/walmart.pem"), std::string::npos);
  EXPECT_NE(signer.error().message.find("WALMART_PRIVATE_KEY_PATH"), std::string::npos);
}

TEST_F(WalmartSignatureTest, NonKeyFileIsRejected) {
  std::ofstream(path_) << "not a key\n";
  const auto signer = WalmartSigner::load("c", "1", path_.string());
  ASSERT_FALSE(signer.ok());
  EXPECT_EQ(signer.error().code, "walmart_key_invalid");
}

TEST(Base64Test, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("sandbox-client:sandbox-secret"), "c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ=");
}

TEST(CorrelationIdTest, IsVersion4Uuid) {
  const std::string id = make_correlation_id();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
  EXPECT_NE(make_correlation_id(), id);
}

TEST(UrlEncodeTest, EncodesReservedCharacters) {
  EXPECT_EQ(url_encode("product.compact"), "product.compact");
  EXPECT_EQ(url_encode("a b&c=d"), "a%20b%26c%3Dd");
}

}  // namespace
}  // namespace wic::retailers
