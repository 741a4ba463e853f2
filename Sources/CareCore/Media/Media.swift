import Foundation

/// A photo, a voice note or a short video kept with the person's records, only with their consent.
public enum MediaKind: String, Sendable, Hashable, Codable, CaseIterable {
  case photo, voice, video

  public var label: String {
    switch self {
    case .photo: "photo"
    case .voice: "voice note"
    case .video: "video"
    }
  }

  /// The largest file of the kind, in bytes: a phone photo, a few minutes of voice, a few minutes of video.
  public var limit: Int {
    switch self {
    case .photo: 20 * 1024 * 1024
    case .voice: 50 * 1024 * 1024
    case .video: 300 * 1024 * 1024
    }
  }

  /// The limit in words ("20 MB").
  public var limitText: String { "\(limit / (1024 * 1024)) MB" }
}

/// Who may see a media item besides the person, whoever acts for them, and whoever took it.
public enum MediaAudience: String, Sendable, Hashable, Codable, CaseIterable {
  /// The person and their arrangers only (and the one who took it).
  case personOnly
  /// Also the workers in the team, the registered manager and the circle's safeguarding lead.
  case workers
  /// Everyone in the team: family, friends and professionals too.
  case wholeTeam

  public var label: String {
    switch self {
    case .personOnly: "only me (and whoever arranges my care)"
    case .workers: "my workers and the co-op's managers of care"
    case .wholeTeam: "everyone in my team"
    }
  }
}

/// The person's yes to media: for one item, or standing for a kind and a subject ("video of my physio
/// exercises is fine"), saying who may see and how long items are kept. A standing consent can be withdrawn:
/// the items kept under it go with it.
public struct MediaConsent: Sendable, Hashable, Identifiable {
  public let id: CareCore.ID<MediaConsent>
  public let personID: CareCore.ID<Person>
  public let kind: MediaKind
  /// What it covers, in the person's words.
  public let about: String
  public let audience: MediaAudience
  public let keepDays: Int
  public let givenBy: CareCore.ID<Account>
  public let givenAt: Date
  public let withdrawnAt: Date?
  public let withdrawnBy: CareCore.ID<Account>?

  public init(
    id: CareCore.ID<MediaConsent>, personID: CareCore.ID<Person>, kind: MediaKind, about: String,
    audience: MediaAudience, keepDays: Int, givenBy: CareCore.ID<Account>, givenAt: Date, withdrawnAt: Date? = nil,
    withdrawnBy: CareCore.ID<Account>? = nil
  ) {
    self.id = id
    self.personID = personID
    self.kind = kind
    self.about = about
    self.audience = audience
    self.keepDays = keepDays
    self.givenBy = givenBy
    self.givenAt = givenAt
    self.withdrawnAt = withdrawnAt
    self.withdrawnBy = withdrawnBy
  }

  public var isInForce: Bool { withdrawnAt == nil }
}

/// What a consent says, before it is kept: checked all at once.
public struct MediaConsentTerms: Sendable, Hashable, Codable {
  public var kind: MediaKind
  public var about: String
  public var audience: MediaAudience
  public var keepDays: Int

  public init(kind: MediaKind, about: String, audience: MediaAudience, keepDays: Int) {
    self.kind = kind
    self.about = about
    self.audience = audience
    self.keepDays = keepDays
  }

  /// Kept for a day at least and ten years at most (the longest a care record is kept).
  public static let keepRange = 1...3653

  public func validated() throws(CareError) -> MediaConsentTerms {
    var v = Validator()
    var terms = self
    terms.about = v.text(about, field: "about", label: "what it covers", max: 200)
    if !Self.keepRange.contains(keepDays) {
      v.add("keepDays", "Give a number of days from 1 to \(Self.keepRange.upperBound)")
    }
    try v.check()
    return terms
  }
}

/// A key meeting an item is from (a review of the person's support, a planning meeting): what it was, and the
/// day it was held.
public struct MediaMeeting: Sendable, Hashable {
  public var title: String
  public var day: Day

  public init(title: String, day: Day) {
    self.title = title
    self.day = day
  }

  /// The longest title ("Review of my support with the social worker").
  public static let longestTitle = 120
}

/// A kept photo, voice note or video: whose, of which visit or meeting, what it is, under which consent, and
/// until when.
public struct MediaItem: Sendable, Hashable, Identifiable {
  public let id: CareCore.ID<MediaItem>
  public let personID: CareCore.ID<Person>
  public let visitID: CareCore.ID<RotaVisit>?
  public let kind: MediaKind
  /// The type told from the bytes ("video/mp4").
  public let contentType: String
  public let bytes: Int
  public let sha256: String
  public let caption: String
  /// The standing consent it was kept under; nil when the person consented to this item alone.
  public let consentID: CareCore.ID<MediaConsent>?
  public let audience: MediaAudience
  public let keepUntil: Date
  public let uploadedBy: CareCore.ID<Account>
  public let uploadedAt: Date
  /// When it was removed (expired, or its consent withdrawn) and why; the row stays, the bytes go.
  public let removedAt: Date?
  public let removedBecause: String?
  /// The key meeting it is from, when it is not from a visit.
  public let meeting: MediaMeeting?
  /// Sent by a worker with no standing consent to cover it: kept for the person alone while they are asked
  /// (since then), and removed unless they say yes within `MediaItem.askingDays`.
  public let askedAt: Date?
  /// When the person (or arranger) answered, and who: yes (it stays, seen by whom they chose) or no (removed).
  public let answeredAt: Date?
  public let answeredBy: CareCore.ID<Account>?

  public init(
    id: CareCore.ID<MediaItem>, personID: CareCore.ID<Person>, visitID: CareCore.ID<RotaVisit>?, kind: MediaKind,
    contentType: String, bytes: Int, sha256: String, caption: String, consentID: CareCore.ID<MediaConsent>?,
    audience: MediaAudience, keepUntil: Date, uploadedBy: CareCore.ID<Account>, uploadedAt: Date,
    removedAt: Date? = nil, removedBecause: String? = nil, meeting: MediaMeeting? = nil, askedAt: Date? = nil,
    answeredAt: Date? = nil, answeredBy: CareCore.ID<Account>? = nil
  ) {
    self.meeting = meeting
    self.askedAt = askedAt
    self.answeredAt = answeredAt
    self.answeredBy = answeredBy
    self.id = id
    self.personID = personID
    self.visitID = visitID
    self.kind = kind
    self.contentType = contentType
    self.bytes = bytes
    self.sha256 = sha256
    self.caption = caption
    self.consentID = consentID
    self.audience = audience
    self.keepUntil = keepUntil
    self.uploadedBy = uploadedBy
    self.uploadedAt = uploadedAt
    self.removedAt = removedAt
    self.removedBecause = removedBecause
  }

  public var isKept: Bool { removedAt == nil }

  /// Kept, and waiting for the person's yes or no.
  public var isAwaitingYes: Bool { askedAt != nil && answeredAt == nil && removedAt == nil }

  /// How long an item sent without the person's consent waits for their answer before it is removed.
  public static let askingDays = 7

  /// Whether `requester` may see it: the person, their arrangers and whoever took it always; the rest as far
  /// as the person said (`audience`); anyone with a safeguarding override in force for the person.
  public func isSeen(by requester: Requester, in team: Team) -> Bool {
    MediaAudience.admits(requester, team: team, audience: audience, uploadedBy: uploadedBy)
  }
}

extension MediaAudience {
  /// The one rule for who sees a media item (the use cases filter lists and single reads with it).
  public static func admits(
    _ requester: Requester, team: Team, audience: MediaAudience, uploadedBy: CareCore.ID<Account>
  ) -> Bool {
    let me = requester.account.id
    guard requester.coopID == team.person.coopID else { return false }
    if me == team.personAccount.id || me == uploadedBy || requester.override(for: team.person.id) != nil {
      return true
    }
    let membership = team.active.first(where: { $0.account.id == me })?.membership
    if membership?.isArranger == true { return true }
    switch audience {
    case .personOnly:
      return false
    case .workers:
      if requester.wears(.registeredManager) || requester.wears(.safeguardingLead, in: team.person.circleID) {
        return true
      }
      return membership.map { [.worker, .backupWorker].contains($0.relationship) } ?? false
    case .wholeTeam:
      if requester.wears(.registeredManager) || requester.wears(.safeguardingLead, in: team.person.circleID) {
        return true
      }
      return membership != nil
    }
  }
}

/// A new item's details as sent with its bytes (the bytes themselves stream to storage).
public struct NewMediaItem: Sendable, Hashable {
  public var kind: MediaKind
  /// The visit it is from, or…
  public var visitID: CareCore.ID<RotaVisit>?
  /// …the key meeting (or neither).
  public var meeting: MediaMeeting?
  public var caption: String
  /// A standing consent of the person's that covers it, or nil: then the person (or arranger), uploading it
  /// themselves, consents to this item alone (`audience`, `keepDays`); anyone else sending it asks them.
  public var consentID: CareCore.ID<MediaConsent>?
  public var audience: MediaAudience?
  public var keepDays: Int?

  public init(
    kind: MediaKind, visitID: CareCore.ID<RotaVisit>? = nil, meeting: MediaMeeting? = nil, caption: String,
    consentID: CareCore.ID<MediaConsent>? = nil,
    audience: MediaAudience? = nil, keepDays: Int? = nil
  ) {
    self.kind = kind
    self.visitID = visitID
    self.meeting = meeting
    self.caption = caption
    self.consentID = consentID
    self.audience = audience
    self.keepDays = keepDays
  }

  /// Checks the words and numbers (not the consent, which needs the store, nor the meeting's day, which
  /// needs today): every problem at once.
  public func validated() throws(CareError) -> NewMediaItem {
    var v = Validator()
    var item = self
    item.caption = v.text(caption, field: "caption", label: "what it shows", max: 200)
    if let days = keepDays, !MediaConsentTerms.keepRange.contains(days) {
      v.add("keepDays", "Give a number of days from 1 to \(MediaConsentTerms.keepRange.upperBound)")
    }
    if let meeting {
      item.meeting?.title = v.text(
        meeting.title, field: "meetingTitle", label: "what the meeting was", max: MediaMeeting.longestTitle)
      if visitID != nil { v.add("visitID", "Choose a visit or a meeting, not both") }
    }
    try v.check()
    return item
  }

  /// What the person (or arranger) says to this one item when they send it themselves: both or a problem
  /// for each that is missing.
  public func ownTerms() throws(CareError) -> (audience: MediaAudience, keepDays: Int) {
    var v = Validator()
    if audience == nil { v.add("audience", "Choose who may see it, or a consent that covers it") }
    if keepDays == nil { v.add("keepDays", "Say how many days to keep it, or choose a consent that covers it") }
    try v.check()
    guard let audience, let keepDays else { throw .invalid(v.errors) }
    return (audience, keepDays)
  }
}

/// The person's answer to an item a worker sent without a consent to cover it.
public enum MediaAnswer: Sendable, Hashable {
  /// Keep it: seen by whom, for how many days from now.
  case yes(MediaAudience, keepDays: Int)
  /// Remove it now.
  case no

  public func validated() throws(CareError) -> MediaAnswer {
    if case .yes(_, let days) = self, !MediaConsentTerms.keepRange.contains(days) {
      throw .invalid("keepDays", "Give a number of days from 1 to \(MediaConsentTerms.keepRange.upperBound)")
    }
    return self
  }
}
