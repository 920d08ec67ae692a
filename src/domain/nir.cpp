#include "domain/nir.h"

#include <cstdint>
#include <string>

namespace alin::domain {

int nirKey(std::string_view b) {
    if (b.size() != 13) return -1;
    std::string digits(b);
    std::int64_t corsica = 0;
    if (b[5] == '2' && (b[6] == 'A' || b[6] == 'B')) {
        // 2A -> 19, 2B -> 18 (the rule subtracts 1 000 000 or 2 000 000).
        corsica = b[6] == 'A' ? 1000000 : 2000000;
        digits[6] = '0';
    }
    if (digits[0] != '1' && digits[0] != '2') return -1;
    std::int64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    n -= corsica;
    return static_cast<int>(97 - (n % 97));
}

bool isValidNir(std::string_view nir) {
    if (nir.size() != kNirLength) return false;
    const int key = nirKey(nir.substr(0, 13));
    if (key < 0 || nir[13] < '0' || nir[13] > '9' || nir[14] < '0' || nir[14] > '9') return false;
    const int month = (nir[3] - '0') * 10 + (nir[4] - '0');
    // 01-12, or 20 and over (unknown month, 20-42 / 50-99 in INSEE's practice).
    if (month == 0 || (month > 12 && month < 20)) return false;
    return key == (nir[13] - '0') * 10 + (nir[14] - '0');
}

}  // namespace alin::domain
