import CareCases
import CareCore

/// The upload form's fields as a new item: what kind, what it shows, which of the person's consents covers
/// it (or, for the person or arranger, "just this one" with who may see it and for how long; for anyone else,
/// "ask them first"), which visit or key meeting.
enum MediaForm {
  /// The largest body the form takes: the largest kind, and room for the fields around it.
  static let largest = MediaKind.allCases.map(\.limit).max()! + 64 * 1024

  /// The consent choice for "I agree to this one now".
  static let thisOne = "item"
  /// The consent choice for "none of these: ask the person first".
  static let ask = "ask"

  static func item(_ state: FormState) throws(CareError) -> NewMediaItem {
    var v = Validator()
    let kind = MediaKind(rawValue: state["kind"])
    if kind == nil { v.add("kind", "Choose a photo, a voice note or a video") }
    var consent: ID<MediaConsent>?
    var audience: MediaAudience?
    var keepDays: Int?
    switch state["consentID"] {
    case thisOne:
      audience = MediaAudience(rawValue: state["itemAudience"])
      if audience == nil { v.add("itemAudience", "Choose who may see it") }
      keepDays = Int(state["itemKeepDays"].trimmingCharacters(in: .whitespaces))
      if keepDays.map({ !MediaConsentTerms.keepRange.contains($0) }) ?? true {
        v.add("itemKeepDays", "Give a number of days from 1 to \(MediaConsentTerms.keepRange.upperBound)")
      }
    case ask:
      break
    case let text:
      consent = ID(string: text)
      if consent == nil { v.add("consentID", "Choose the consent that covers it") }
    }
    var visit: ID<RotaVisit>?
    if !state["visitID"].isEmpty {
      visit = ID(string: state["visitID"])
      if visit == nil { v.add("visitID", "Choose one of the visits, or none") }
    }
    var meeting: MediaMeeting?
    let title = state["meetingTitle"].trimmingCharacters(in: .whitespacesAndNewlines)
    let dayText = state["meetingDay"].trimmingCharacters(in: .whitespaces)
    if !title.isEmpty || !dayText.isEmpty {
      if title.isEmpty { v.add("meetingTitle", "Say what the meeting was, or leave its day empty") }
      if let day = Day(iso: dayText) {
        meeting = MediaMeeting(title: state["meetingTitle"], day: day)
      } else {
        v.add("meetingDay", dayText.isEmpty ? "Give the meeting's day" : "Give the meeting's day as a date")
      }
      if visit != nil { v.add("visitID", "Choose a visit or a meeting, not both") }
    }
    let caption = v.text(state["caption"], field: "caption", label: "what it shows", max: 200)
    try v.check()
    guard let kind else { throw .invalid(v.errors) }
    return NewMediaItem(
      kind: kind, visitID: visit, meeting: meeting, caption: caption, consentID: consent, audience: audience,
      keepDays: keepDays)
  }

  /// The person's answer to one waiting item: its fields are named after the item, as every waiting item has
  /// a form of its own on the page.
  static func answer(_ state: FormState, item: ID<MediaItem>) throws(CareError) -> MediaAnswer {
    guard state["answer"] == "yes" else {
      guard state["answer"] == "no" else { throw .invalid("answer", "Choose yes or no") }
      return .no
    }
    var v = Validator()
    let audience = MediaAudience(rawValue: state[field("audience", item)])
    if audience == nil { v.add(field("audience", item), "Choose who may see it") }
    let days = Int(state[field("keepDays", item)].trimmingCharacters(in: .whitespaces))
    if days.map({ !MediaConsentTerms.keepRange.contains($0) }) ?? true {
      v.add(field("keepDays", item), "Give a number of days from 1 to \(MediaConsentTerms.keepRange.upperBound)")
    }
    try v.check()
    guard let audience, let days else { throw .invalid(v.errors) }
    return .yes(audience, keepDays: days)
  }

  /// A field of one waiting item's answer form ("audience-<id>").
  static func field(_ name: String, _ item: ID<MediaItem>) -> String { "\(name)-\(item)" }
}
