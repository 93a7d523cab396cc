import { isEmail } from "class-validator";
import { badInput } from "../errors";
import { problem } from "./problems";

/** A phone number as people write it: digits, spaces, ( ) -, an optional leading +, 5 to 40 characters. */
const PHONE = /^\+?[0-9 ()-]{5,40}$/;

/** Whether `value` is an e-mail address (the rule of class-validator's IsEmail, checked as sent). */
export const isEmailAddress = (value: unknown): value is string => typeof value === "string" && isEmail(value);

/** Whether `value` is a phone number (digits, spaces, ( ) - and an optional leading +; 5 to 40 characters). */
export const isPhoneNumber = (value: unknown): value is string => typeof value === "string" && PHONE.test(value);

/** An e-mail address, checked as sent, kept trimmed and in lower case; else BAD_USER_INPUT naming `field`. */
export function emailAddress(value: string, field: string): string {
  if (!isEmailAddress(value)) throw badInput(field, problem.email);
  return value.trim().toLowerCase();
}

/** A phone number, checked as sent, kept trimmed; else BAD_USER_INPUT naming `field`. */
export function phoneNumber(value: string, field: string): string {
  if (!isPhoneNumber(value)) throw badInput(field, problem.phone);
  return value.trim();
}
