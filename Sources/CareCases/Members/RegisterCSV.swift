import CareCore
import CareStore
import Foundation

/// The register of members as a file: what a registered society keeps (name, address for notices, class,
/// shares, joining and leaving), one row a membership, past members too, oldest first.
public struct RegisterFile: Sendable {
  public let csv: String
  /// "member-register-2026-05-28.csv".
  public let fileName: String
}

extension Cases {
  /// The register as CSV (RFC 4180, formula-safe like the invoices' CSV), for those who keep it; each download
  /// is in the audit log, since it holds every member's details.
  public func registerFile(by requester: Requester) async throws -> RegisterFile {
    let permit = try AccessPolicy.permit(requester, .changeMemberRegister(coop: requester.coopID))
    let register = try await store.memberRegister(permit: permit)
      .sorted { ($0.0.joinedOn, $0.1.name) < ($1.0.joinedOn, $1.1.name) }
    let header = ["Name", "Email", "Class", "Joined", "Left", "Share (GBP)", "Votes today"]
    var rows = [header]
    for (member, account) in register {
      rows.append([
        account.name, account.email ?? "", member.memberClass.label, member.joinedOn.iso, member.leftOn?.iso ?? "",
        InvoiceModel.pounds(member.sharePence), member.canVote(on: today) ? "yes" : "no",
      ])
    }
    try await store.record(
      .exportRegister, coop: requester.coopID, actor: requester.account.id,
      detail: "\(register.count) membership\(register.count == 1 ? "" : "s")", env: effects)
    return RegisterFile(
      csv: rows.map { $0.map(InvoiceModel.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n",
      fileName: "member-register-\(today.iso).csv")
  }
}
