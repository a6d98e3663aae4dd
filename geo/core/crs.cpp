#include "geo/core/crs.h"

#include <proj.h>

#include <cmath>
#include <utility>

#include "geo/core/error.h"

namespace maillage::geo {

namespace {
std::string last_proj_error(PJ_CONTEXT* ctx) {
    return proj_context_errno_string(ctx, proj_context_errno(ctx));
}
}  // namespace

CrsTransform::CrsTransform(std::string_view from, std::string_view to)
    : from_(from), to_(to), context_(proj_context_create()) {
    PJ* raw = proj_create_crs_to_crs(context_, from_.c_str(), to_.c_str(), nullptr);
    if (raw == nullptr) {
        std::string why = last_proj_error(context_);
        proj_context_destroy(context_);
        throw CrsError("cannot create a transform from " + from_ + " to " + to_ + ": " + why);
    }
    pj_ = proj_normalize_for_visualization(context_, raw);
    proj_destroy(raw);
    if (pj_ == nullptr) {
        std::string why = last_proj_error(context_);
        proj_context_destroy(context_);
        throw CrsError("cannot normalise the axis order of " + from_ + " -> " + to_ + ": " + why);
    }
}

CrsTransform::~CrsTransform() {
    if (pj_ != nullptr) proj_destroy(pj_);
    if (context_ != nullptr) proj_context_destroy(context_);
}

CrsTransform::CrsTransform(CrsTransform&& other) noexcept
    : from_(std::move(other.from_)),
      to_(std::move(other.to_)),
      context_(std::exchange(other.context_, nullptr)),
      pj_(std::exchange(other.pj_, nullptr)) {}

CrsTransform& CrsTransform::operator=(CrsTransform&& other) noexcept {
    if (this != &other) {
        std::swap(from_, other.from_);
        std::swap(to_, other.to_);
        std::swap(context_, other.context_);
        std::swap(pj_, other.pj_);
    }
    return *this;
}

XY CrsTransform::forward(XY p) const {
    transform(PJ_FWD, {&p.x, 1}, {&p.y, 1});
    return p;
}

XY CrsTransform::inverse(XY p) const {
    transform(PJ_INV, {&p.x, 1}, {&p.y, 1});
    return p;
}

void CrsTransform::forward(std::span<double> xs, std::span<double> ys) const {
    transform(PJ_FWD, xs, ys);
}

void CrsTransform::inverse(std::span<double> xs, std::span<double> ys) const {
    transform(PJ_INV, xs, ys);
}

void CrsTransform::transform(int direction, std::span<double> xs, std::span<double> ys) const {
    if (xs.size() != ys.size()) throw CrsError("coordinate arrays of different sizes");
    if (xs.empty()) return;
    proj_errno_reset(pj_);
    const size_t n = xs.size();
    const size_t done = proj_trans_generic(pj_, static_cast<PJ_DIRECTION>(direction), xs.data(),
                                           sizeof(double), n, ys.data(), sizeof(double), n,
                                           nullptr, 0, 0, nullptr, 0, 0);
    if (done != n) throw CrsError("PROJ transformed only part of the points " + from_ + " -> " + to_);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
            throw CrsError("point " + std::to_string(i) + " cannot be transformed from " + from_ +
                           " to " + to_ + " (outside the CRS's area of use?)");
        }
    }
}

bool same_crs(std::string_view wkt_or_code, std::string_view code) {
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* a = proj_create(ctx, std::string(wkt_or_code).c_str());
    PJ* b = proj_create(ctx, std::string(code).c_str());
    bool same = false;
    if (a != nullptr && b != nullptr) {
        same = proj_is_equivalent_to(a, b, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
    }
    if (a != nullptr) proj_destroy(a);
    if (b != nullptr) proj_destroy(b);
    proj_context_destroy(ctx);
    return same;
}

}  // namespace maillage::geo
