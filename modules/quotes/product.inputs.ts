import { Field, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { TextLength } from "../../src/domain/input-rules";

@InputType({ description: "A new product of the group's catalogue" })
export class CreateProductInput {
  @Field(() => String, { description: "unique in the group: letters, digits, dashes and dots (e.g. COAL-5500)" })
  @TextLength(1, 40)
  code: string;

  @Field(() => String, { description: "the name the customer reads on a quote" })
  @TextLength(1, 200)
  name: string;

  @Field(() => String, { description: "the unit a quantity counts (吨, 箱, ...)" })
  @TextLength(1, 20)
  unit: string;
}

@InputType({ description: "Changes to a product; what is left out stays" })
export class UpdateProductInput {
  @Field(() => String, { nullable: true, description: "the name the customer reads on a quote" })
  @IsOptional()
  @TextLength(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: "the unit a quantity counts" })
  @IsOptional()
  @TextLength(1, 20)
  unit?: string;

  @Field(() => Boolean, { nullable: true, description: "false: no new quote line may use it" })
  active?: boolean;
}

@InputType({ description: "A filter of the catalogue" })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: "a part of the code or the name" })
  @IsOptional()
  @TextLength(1, 100)
  search?: string;

  @Field(() => Boolean, { nullable: true, description: "only active (true) or inactive (false) products" })
  active?: boolean;
}
