#pragma once
// SHA-256 (Nettle) for the page's Content-Security-Policy hashes.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace eventgraph::detail {

/// The 32-byte SHA-256 digest of `data`.
///
///     sha256("abc")[0] == 0xba
[[nodiscard]] std::array<std::uint8_t, 32> sha256(std::string_view data);

/// Standard base64 (RFC 4648, with `=` padding) of `sha256(data)`, as CSP source expressions
/// want it: `'sha256-` + sha256_base64(script) + `'`.
///
///     sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
[[nodiscard]] std::string sha256_base64(std::string_view data);

}  // namespace eventgraph::detail
