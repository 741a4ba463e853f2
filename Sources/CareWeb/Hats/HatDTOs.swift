import CareCases
import CareCore
import Vapor

extension DTO {
  struct HoldingOut: Content {
    let id: String
    let holder: AccountOut
    let termStart: String
    let termEnd: String?
    let endedOn: String?
    init(_ h: HatHolding, _ a: Account) {
      id = h.id.description
      (holder, termStart, termEnd, endedOn) = (AccountOut(a), h.termStart.iso, h.termEnd?.iso, h.endedOn?.iso)
    }
  }

  struct HatOut: Content {
    let id: String
    let kind: String
    let name: String
    let purpose: String
    let circleID: String?
    let accountabilities: [String]
    let history: [HoldingOut]
    init(_ h: HatWithHolders) {
      (id, kind, name, purpose) = (h.hat.id.description, h.hat.kind.rawValue, h.hat.name, h.hat.purpose)
      (circleID, accountabilities) = (h.hat.circleID?.description, h.hat.accountabilities)
      history = h.history.map(HoldingOut.init)
    }
  }

  struct HandoverIn: Content {
    let toAccountID: String
    let termStart: String
    let termEnd: String?
    let replacing: String?
    var domain: Handover {
      Handover(toAccountID: toAccountID, termStart: termStart, termEnd: termEnd, replacing: replacing)
    }
  }

  struct HandoverAnswerIn: Content {
    let answer: String
    let reason: String?
  }

  struct HandoverRequestOut: Content {
    let id: String
    let hat: String
    let to: String
    let termStart: String
    let termEnd: String?
    let askedBy: String
    let askedAt: Date
    /// waiting, approved, refused or lapsed.
    let state: String
    let answeredBy: String?
    let reason: String?

    init(_ r: HandoverRequest, now: Date) {
      (id, hat, to, termStart, termEnd) = (
        r.id.description, r.hatID.description, r.to.description, r.termStart.iso, r.termEnd?.iso
      )
      (askedBy, askedAt, answeredBy, reason) = (
        r.askedBy.description, r.askedAt, r.answer?.by.description, r.answer?.reason
      )
      state =
        r.answer.map { $0.approved ? "approved" : "refused" } ?? (r.lapsed(at: now) ? "lapsed" : "waiting")
    }
  }
}
