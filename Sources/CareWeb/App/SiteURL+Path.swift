import CareCore
import Foundation

extension SiteURL {
  /// The address as a link. Linking to a `.key` address is a mistake in the code: it shows as `:name`.
  var path: String {
    "/"
      + segments.map { segment in
        switch segment {
        case .constant(let text): text
        case .parameter(let name, let value): value ?? ":\(name)"
        }
      }.joined(separator: "/") + query
  }

  private var query: String {
    if case .resetPassword(let token?) = self { return "?token=\(token)" }
    if case .confirmEmail(let token?) = self { return "?token=\(token)" }
    if case .teamWhoLooked(_, let page) = self, page > 1 { return "?page=\(page)" }
    if case .messages(let page) = self, page > 1 { return "?page=\(page)" }
    if case .teamMedicineChart(_, let from?) = self { return "?from=\(from.iso)" }
    if case .teamSearch(_, let query?) = self {
      return "?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
    if case .teamPlanPrint(_, let sections) = self, !sections.isEmpty {
      return "?" + sections.map { "section=\($0.rawValue)" }.joined(separator: "&")
    }
    if case .teamPlanPDF(_, let sections) = self, !sections.isEmpty {
      return "?" + sections.map { "section=\($0.rawValue)" }.joined(separator: "&")
    }
    if case .teamVisits(_, let from?, let through?) = self { return "?from=\(from.iso)&through=\(through.iso)" }
    switch self {
    case .circleWeek(_, let week?), .circleWeekProgress(_, let week?), .teamWeek(_, let week?), .myWeek(let week?):
      return "?week=\(week.iso)"
    default: break
    }
    if self == .stylesheet || self == .script {
      let file = "/" + segments.map { if case .constant(let c) = $0 { c } else { "" } }.joined(separator: "/")
      return StaticAsset.version(of: file).map { "?v=\($0)" } ?? ""
    }
    return ""
  }
}
