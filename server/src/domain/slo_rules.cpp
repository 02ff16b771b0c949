#include "domain/slo_rules.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "domain/slo_report.hpp"

namespace vitrine::domain {
namespace {

// Every window an alert reads, then the SLO's own (added per SLO).
constexpr std::array<std::string_view, 7> kAlertWindows{"5m", "30m", "1h", "2h", "6h", "1d", "3d"};

// A YAML double-quoted string: names are free text.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string number(double v) { return fmt::format("{:.10g}", v); }

std::string error_ratio_expr(const Slo& slo, std::string_view window) {
  if (slo.kind == SloKind::kAvailability) {
    return fmt::format("1 - avg_over_time(vitrine_monitor_up{{monitor=\"{}\"}}[{}])",
                       slo.monitor_id, window);
  }
  return fmt::format(
      "sum(rate(vitrine_slo_checks_total{{slo=\"{0}\",outcome=\"bad\"}}[{1}])) / "
      "sum(rate(vitrine_slo_checks_total{{slo=\"{0}\"}}[{1}]))",
      slo.id, window);
}

void labels(std::string& out, const Slo& slo, std::string_view indent) {
  out += fmt::format("{}labels:\n", indent);
  out += fmt::format("{}  slo_id: {}\n", indent, quoted(slo.id));
  out += fmt::format("{}  slo_name: {}\n", indent, quoted(slo.name));
  out += fmt::format("{}  monitor: {}\n", indent, quoted(slo.monitor_id));
}

void record(std::string& out, const Slo& slo, std::string_view name, const std::string& expr,
            std::string_view window = {}) {
  out += fmt::format("      - record: {}\n        expr: {}\n", name, expr);
  labels(out, slo, "        ");
  if (!window.empty()) {
    out += fmt::format("          window: \"{}\"\n", window);
  }
}

std::string over(const Slo& slo, std::string_view window, double limit) {
  return fmt::format("max(slo:sli_error:ratio_rate{}{{slo_id=\"{}\"}} > {}) without (window)",
                     window, slo.id, number(limit));
}

void alert(std::string& out, const Slo& slo, std::string_view severity, const BurnRule& a,
           const BurnRule& b) {
  const double allowed = 1.0 - slo.objective;
  const std::string expr = fmt::format(
      "({} and {}) or ({} and {})", over(slo, a.short_name, a.factor * allowed),
      over(slo, a.long_name, a.factor * allowed), over(slo, b.short_name, b.factor * allowed),
      over(slo, b.long_name, b.factor * allowed));
  out += fmt::format("      - alert: {}\n",
                     severity == "page" ? "VitrineSLOFastBurn" : "VitrineSLOSlowBurn");
  out += fmt::format("        expr: {}\n", expr);
  out += "        labels:\n";
  out += fmt::format("          severity: {}\n", severity);
  out += "        annotations:\n";
  out += fmt::format("          summary: {}\n",
                     quoted(fmt::format("SLO {} of monitor {} burns its error budget too fast",
                                        slo.name, slo.monitor_id)));
  out += fmt::format(
      "          description: {}\n",
      quoted(fmt::format("Burn rate above {} over {} and {}, or above {} over {} and {} "
                         "(objective {} % over {} days). GET /api/v1/slos/{} for the budget.",
                         number(a.factor), a.long_name, a.short_name, number(b.factor), b.long_name,
                         b.short_name, number(slo.objective * 100), slo.window_days, slo.id)));
}

void rules_of(std::string& out, const Slo& slo) {
  const std::string period = std::to_string(slo.window_days) + "d";
  out += fmt::format("  - name: vitrine-slo-{}-sli\n    rules:\n", slo.id);
  for (const std::string_view w : kAlertWindows) {
    record(out, slo, fmt::format("slo:sli_error:ratio_rate{}", w), error_ratio_expr(slo, w), w);
  }
  record(out, slo, fmt::format("slo:sli_error:ratio_rate{}", period), error_ratio_expr(slo, period),
         period);
  out += fmt::format("  - name: vitrine-slo-{}-meta\n    rules:\n", slo.id);
  record(out, slo, "slo:objective:ratio", fmt::format("vector({})", number(slo.objective)));
  record(out, slo, "slo:error_budget:ratio", fmt::format("vector({})", number(1 - slo.objective)));
  record(out, slo, "slo:current_burn_rate:ratio",
         fmt::format("max(slo:sli_error:ratio_rate5m{{slo_id=\"{}\"}}) without (window) / {}",
                     slo.id, number(1 - slo.objective)));
  record(out, slo, "slo:period_error_budget_remaining:ratio",
         fmt::format("1 - max(slo:sli_error:ratio_rate{}{{slo_id=\"{}\"}}) without (window) / {}",
                     period, slo.id, number(1 - slo.objective)));
  out += fmt::format("  - name: vitrine-slo-{}-alerts\n    rules:\n", slo.id);
  alert(out, slo, "page", kBurnRules[0], kBurnRules[1]);
  alert(out, slo, "ticket", kBurnRules[2], kBurnRules[3]);
}

}  // namespace

std::string prometheus_rules(const std::vector<Slo>& slos) {
  std::string out =
      "# Generated by Vitrine for its SLOs (docs/slos.md); check with `promtool check rules`.\n"
      "groups:\n";
  if (slos.empty()) {
    return out + "  []\n";
  }
  for (const Slo& slo : slos) {
    rules_of(out, slo);
  }
  return out;
}

}  // namespace vitrine::domain
