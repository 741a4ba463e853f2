import CareCases
import CareCore

/// The upload form's fields as a new item: what kind, what it shows, which of the person's consents covers
/// it (or, for the person or arranger, "just this one" with who may see it and for how long), which visit.
enum MediaForm {
  /// The largest body the form takes: the largest kind, and room for the fields around it.
  static let largest = MediaKind.allCases.map(\.limit).max()! + 64 * 1024

  /// The consent choice for "I agree to this one now".
  static let thisOne = "item"

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
    case let text:
      consent = ID(string: text)
      if consent == nil { v.add("consentID", "Choose the consent that covers it") }
    }
    var visit: ID<RotaVisit>?
    if !state["visitID"].isEmpty {
      visit = ID(string: state["visitID"])
      if visit == nil { v.add("visitID", "Choose one of the visits, or none") }
    }
    let caption = v.text(state["caption"], field: "caption", label: "what it shows", max: 200)
    try v.check()
    guard let kind else { throw .invalid(v.errors) }
    return NewMediaItem(
      kind: kind, visitID: visit, caption: caption, consentID: consent, audience: audience, keepDays: keepDays)
  }
}
