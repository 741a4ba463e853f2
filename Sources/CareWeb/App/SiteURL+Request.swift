import CareCore
import Vapor

/// Reading a route's typed parts back off a request: ids, a plan's section, a document version's number, the
/// sections a print asks for. Anything malformed is simply not found.
extension Request {
  /// The `:number` of a document version's route; anything but a whole number from 1 is not found.
  func versionNumber() throws -> Int {
    guard let text = parameters.get(SiteURL.number), let number = Int(text), number >= 1, text == String(number)
    else { throw CareError.notFound }
    return number
  }

  /// The sections a plan's print asks for (`?section=goals&section=risks`, as a form of checkboxes sends
  /// them), in the plan's order; unknown ones are left out.
  func planSections() -> [PlanSection] {
    let asked = Set(
      (url.query ?? "").split(separator: "&").compactMap { pair -> String? in
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        return parts.count == 2 && parts[0] == "section" ? parts[1].removingPercentEncoding : nil
      })
    return PlanSection.allCases.filter { asked.contains($0.rawValue) }
  }

  /// The `:section` of a plan's route; an unknown one is simply not found.
  func planSection() throws -> PlanSection {
    guard let text = parameters.get(SiteURL.section), let section = PlanSection(rawValue: text) else {
      throw CareError.notFound
    }
    return section
  }

  /// The `:id` of the route as a typed identifier; a malformed one is simply not found.
  func id<T>(_ type: T.Type = T.self, _ name: String = SiteURL.id) throws -> ID<T> {
    guard let text = parameters.get(name), let id = ID<T>(string: text) else { throw CareError.notFound }
    return id
  }
}

extension SiteURL {
  /// The names routes give their parameters (`req.id()` reads `id`, `req.id(_, "membershipID")` the other).
  static let id = "id"
  static let membershipID = "membershipID"
  static let visitID = "visitID"
  static let offerID = "offerID"
  static let versionID = "versionID"
  static let grantID = "grantID"
  static let medicineID = "medicineID"
  static let consentID = "consentID"
  static let mediaID = "mediaID"
  static let entryID = "entryID"
  static let section = "section"
  static let changeID = "changeID"
  static let goalID = "goalID"
  static let libraryID = "libraryID"
  static let proposalID = "proposalID"
  static let concernID = "concernID"
  static let meetingID = "meetingID"
  static let decisionID = "decisionID"
  static let requestID = "requestID"
  static let documentID = "documentID"
  static let number = "number"
  static let agreementID = "agreementID"
  static let token = "token"
}
