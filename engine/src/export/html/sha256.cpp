#include "export/html/sha256.hpp"

#include <nettle/base64.h>
#include <nettle/sha2.h>

namespace eventgraph::detail {

std::array<std::uint8_t, 32> sha256(std::string_view data) {
  static_assert(SHA256_DIGEST_SIZE == 32);
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  std::array<std::uint8_t, 32> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  return digest;
}

std::string sha256_base64(std::string_view data) {
  const auto digest = sha256(data);
  std::string text(BASE64_ENCODE_RAW_LENGTH(digest.size()), '\0');
  base64_encode_raw(text.data(), digest.size(), digest.data());
  return text;
}

}  // namespace eventgraph::detail
