#pragma once
#include <cstdint>

namespace alin {

// Injectable time source (seconds since the Unix epoch) so expiry is testable.
class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t now() const = 0;
};

class SystemClock final : public Clock {
public:
    int64_t now() const override;
};

// Test/dev clock: system time plus an adjustable offset.
class OffsetClock final : public Clock {
public:
    int64_t now() const override;
    void advance(int64_t seconds) { offset_ += seconds; }
    void set(int64_t absolute);
private:
    int64_t offset_ = 0;
};

}  // namespace alin
