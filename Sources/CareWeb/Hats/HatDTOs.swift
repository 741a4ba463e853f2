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
}
