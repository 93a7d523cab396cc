import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { DateTimeColumn } from "../../src/db/columns";
import { Tier } from "../accounts";
import { TicketPriority } from "./ticket.entity";

/** A territory's SLA target for a priority and one tier, or every tier (`tier` = ALL_TIERS); without a row the default applies (sla.ts). */
@Entity("sla_policies")
@Index(["territoryId", "priority", "tier"], { unique: true })
export class SlaPolicyRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  territoryId: number;

  @Column({ type: "varchar", length: 10 })
  priority: TicketPriority;

  /** a Tier, or ALL_TIERS for the rule of every tier without its own (a NULL would not be unique on both databases) */
  @Column({ type: "varchar", length: 20 })
  tier: string;

  @Column({ type: "integer" })
  firstResponseMinutes: number;

  @Column({ type: "integer" })
  resolutionMinutes: number;

  @DateTimeColumn()
  updatedAt: Date;
}

export const ALL_TIERS = "ALL_TIERS";

export enum SlaSource {
  TIER = "TIER",
  ALL_TIERS = "ALL_TIERS",
  DEFAULT = "DEFAULT",
}
registerEnumType(SlaSource, {
  name: "SlaSource",
  description: "Where an SLA target comes from",
  valuesConfig: {
    TIER: { description: "the territory set it for this priority and tier" },
    ALL_TIERS: { description: "the territory set it for this priority and every tier without its own" },
    DEFAULT: { description: "the default of PRODUCT.md: URGENT 1h/8h, HIGH 4h/24h, NORMAL 8h/72h, LOW 24h/120h" },
  },
});

@ObjectType({ description: "The SLA targets in force in a territory for one priority and account tier; read by those with ticket access who act in the territory" })
export class SlaPolicy {
  @Field(() => TicketPriority, { description: "the ticket priority" })
  priority: TicketPriority;

  @Field(() => Tier, { description: "the account tier" })
  tier: Tier;

  @Field(() => Int, { description: "minutes from creation to the first public answer of a service agent (PENDING time not counted)" })
  firstResponseMinutes: number;

  @Field(() => Int, { description: "minutes from creation to resolution (PENDING time not counted)" })
  resolutionMinutes: number;

  @Field(() => SlaSource, { description: "whether the territory set these minutes or the default applies" })
  source: SlaSource;
}
