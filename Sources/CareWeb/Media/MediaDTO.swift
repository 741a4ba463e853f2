import CareCases
import CareCore
import Foundation
import Vapor

extension DTO {
  /// The person's media as the reader may see them, and their consents.
  struct MediaOut: Content {
    let items: [MediaItemOut]
    let consents: [MediaConsentOut]
    let mayAdd: Bool
    let mayConsent: Bool

    init(_ m: MediaModel) {
      items = m.items.map(MediaItemOut.init)
      consents = m.consents.map(MediaConsentOut.init)
      (mayAdd, mayConsent) = (m.mayAdd, m.mayConsent)
    }
  }

  struct MediaItemOut: Content {
    let id: String
    /// photo, voice or video.
    let kind: String
    /// Told from the bytes when it was sent.
    let contentType: String
    let bytes: Int
    let sha256: String
    let caption: String
    let visitID: String?
    /// The standing consent it is kept under; null when the person consented to this item alone.
    let consentID: String?
    /// personOnly, workers or wholeTeam.
    let audience: String
    let keepUntil: Date
    let uploadedBy: String
    let uploadedAt: Date
    let removedAt: Date?
    let removedBecause: String?
    /// Where its bytes are (range requests answered); null once removed.
    let content: String?
    /// The key meeting it is from (when not from a visit).
    let meeting: MediaMeetingOut?
    /// Sent without a consent to cover it: kept for the person alone until they answer (removed unanswered
    /// after 7 days). Null for an item consented to when it was sent.
    let askedAt: Date?
    let answeredAt: Date?
    let answeredBy: String?
    /// Kept and still waiting for the person's yes or no.
    let awaitingAnswer: Bool

    init(_ i: MediaItem) {
      (id, kind, contentType, bytes, sha256, caption) = (
        i.id.description, i.kind.rawValue, i.contentType, i.bytes, i.sha256, i.caption
      )
      (visitID, consentID, audience) = (i.visitID?.description, i.consentID?.description, i.audience.rawValue)
      (keepUntil, uploadedBy, uploadedAt) = (i.keepUntil, i.uploadedBy.description, i.uploadedAt)
      (removedAt, removedBecause) = (i.removedAt, i.removedBecause)
      content = i.isKept ? SiteURL.API.mediaContent(.value(i.id)).path : nil
      meeting = i.meeting.map { MediaMeetingOut(title: $0.title, day: $0.day.iso) }
      (askedAt, answeredAt, answeredBy) = (i.askedAt, i.answeredAt, i.answeredBy?.description)
      awaitingAnswer = i.isAwaitingYes
    }
  }

  struct MediaMeetingOut: Content {
    let title: String
    /// YYYY-MM-DD.
    let day: String
  }

  /// The person's answer to an item waiting for it: yes with who may see it and for how many days, or no.
  struct MediaAnswerIn: Content {
    let answer: String
    let audience: MediaAudience?
    let keepDays: Int?

    func decided() throws -> MediaAnswer {
      switch answer {
      case "no": return .no
      case "yes":
        var v = Validator()
        if audience == nil { v.add("audience", "Say who may see it") }
        if keepDays == nil { v.add("keepDays", "Say how many days to keep it") }
        try v.check()
        guard let audience, let keepDays else { throw CareError.invalid(v.errors) }
        return .yes(audience, keepDays: keepDays)
      default: throw CareError.invalid("answer", "answer must be yes or no")
      }
    }
  }

  struct MediaConsentOut: Content {
    let id: String
    let kind: String
    let about: String
    let audience: String
    let keepDays: Int
    let givenBy: String
    let givenAt: Date
    let withdrawnBy: String?
    let withdrawnAt: Date?

    init(_ c: MediaConsent) {
      (id, kind, about, audience, keepDays) = (
        c.id.description, c.kind.rawValue, c.about, c.audience.rawValue, c.keepDays
      )
      (givenBy, givenAt, withdrawnBy, withdrawnAt) = (
        c.givenBy.description, c.givenAt, c.withdrawnBy?.description, c.withdrawnAt
      )
    }
  }

  struct MediaConsentIn: Content {
    let kind: MediaKind
    let about: String
    let audience: MediaAudience
    let keepDays: Int
  }

  struct WithdrawnOut: Content {
    /// How many items kept under the consent were removed with it.
    let removed: Int
  }

  /// An upload's details, in its query (its body is the file's bytes).
  enum MediaUpload {
    static func read(_ req: Request) throws -> NewMediaItem {
      var errors: [FieldError] = []
      func text(_ name: String) -> String? { req.query[String.self, at: name] }
      func uuid<T>(_ name: String) -> ID<T>? {
        guard let raw = text(name), !raw.isEmpty else { return nil }
        guard let id = ID<T>(string: raw) else {
          errors.append(FieldError(name, "\(name) must be an id"))
          return nil
        }
        return id
      }
      let kind = text("kind").flatMap(MediaKind.init(rawValue:))
      if kind == nil { errors.append(FieldError("kind", "kind must be photo, voice or video")) }
      var audience: MediaAudience?
      if let raw = text("audience"), !raw.isEmpty {
        audience = MediaAudience(rawValue: raw)
        if audience == nil {
          errors.append(FieldError("audience", "audience must be personOnly, workers or wholeTeam"))
        }
      }
      var keepDays: Int?
      if let raw = text("keepDays"), !raw.isEmpty {
        keepDays = Int(raw)
        if keepDays == nil { errors.append(FieldError("keepDays", "keepDays must be a whole number of days")) }
      }
      let visit: ID<RotaVisit>? = uuid("visitID")
      let consent: ID<MediaConsent>? = uuid("consentID")
      var meeting: MediaMeeting?
      let title = text("meetingTitle") ?? ""
      let dayText = text("meetingDay") ?? ""
      if !title.isEmpty || !dayText.isEmpty {
        if title.isEmpty { errors.append(FieldError("meetingTitle", "meetingTitle is needed with meetingDay")) }
        if let day = Day(iso: dayText) {
          meeting = MediaMeeting(title: title, day: day)
        } else {
          errors.append(FieldError("meetingDay", "meetingDay must be a date (YYYY-MM-DD) with meetingTitle"))
        }
      }
      guard let kind, errors.isEmpty else { throw CareError.invalid(errors) }
      return NewMediaItem(
        kind: kind, visitID: visit, meeting: meeting, caption: text("caption") ?? "", consentID: consent,
        audience: audience, keepDays: keepDays)
    }
  }
}
