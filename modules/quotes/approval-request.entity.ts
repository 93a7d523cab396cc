import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Role } from "../../src/access/roles";
import { DateTimeColumn } from "../../src/db/columns";

/**
 * What an approval request is about. Quotes own the approval requests; the orders module (issue 12)
 * adds ORDER here and its own subject field on ApprovalRequest, and reuses the table, the
 * `approvalRequested` subscription and `pendingApprovals` (docs/modules.md, "Approvals").
 */
export enum ApprovalKind {
  QUOTE = "QUOTE",
  ORDER = "ORDER",
}
registerEnumType(ApprovalKind, {
  name: "ApprovalKind",
  description: "What an approval request is about",
  valuesConfig: {
    QUOTE: { description: "a quote's discount (ApprovalRequest.quote)" },
    ORDER: { description: "a step of an order's approval or countersign chain (ApprovalRequest.order)" },
  },
});

export enum ApprovalDecision {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(ApprovalDecision, {
  name: "ApprovalDecision",
  description: "Where an approval request stands",
  valuesConfig: {
    PENDING: { description: "waiting for someone in `role` above the owner" },
    APPROVED: { description: "approved by `approver`" },
    REJECTED: { description: "rejected by `approver`, with the reason in `comment`" },
    WITHDRAWN: { description: "the subject was revised before anyone decided" },
  },
});

/** One decision asked of one role about one record (a quote's discount), with its answer once given. */
@ObjectType({
  description:
    "A decision asked of someone in `role` standing above the record's owner (a quote's discount), and its answer; read with its quote, and by those who may decide it (pendingApprovals, approvalRequested)",
})
@Entity("approval_requests")
@Index(["kind", "subjectId", "id"])
@Index(["decision", "role", "requestedAt", "id"])
@Index(["territoryId", "decision", "role", "requestedAt", "id"])
export class ApprovalRequest {
  @Field(() => ID, { description: "the request's id" })
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ApprovalKind, { description: "what the request is about" })
  @Column({ type: "varchar", length: 16 })
  kind: ApprovalKind;

  /** the id of the quote (or, later, order) it is about */
  @Column({ type: "integer" })
  subjectId: number;

  /** the subject's territory and owner, as when it was asked: the Scope and the approver rule read them */
  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "integer" })
  ownerId: number;

  @Field(() => Int, { description: "the step of the territory's approval policy that decides, 1 for the first; past the policy's last step when raised to an executive" })
  @Column({ type: "integer" })
  step: number;

  @Field(() => Role, { description: "the role that decides: someone in it standing above the owner (the owner's own sales manager, the territory's head, another executive)" })
  @Column({ type: "varchar", length: 20 })
  role: Role;

  @Field(() => ApprovalDecision, { description: "PENDING until decided" })
  @Column({ type: "varchar", length: 16 })
  decision: ApprovalDecision;

  @Column({ type: "integer", nullable: true })
  approverId: number | null;

  @Field(() => String, { nullable: true, description: "the approver's comment, or the reason of a rejection" })
  @Column({ type: "varchar", length: 500, nullable: true })
  comment: string | null;

  @Field(() => Date, { description: "when the decision was asked (UTC)" })
  @DateTimeColumn()
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "when it was decided or withdrawn (UTC); null while PENDING" })
  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;
}
