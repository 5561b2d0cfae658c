"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

// The same rules the server applies (lib/auth/users.ts), repeated here only for instant feedback.
const signInForm = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
});
const signUpForm = signInForm.extend({
  name: z.string().trim().max(120).optional(),
  password: z.string().min(8, "Use at least 8 characters.").max(200),
});
type FormValues = z.infer<typeof signUpForm>;

export function AuthForm({ mode }: { mode: "signin" | "signup" }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(mode === "signup" ? signUpForm : signInForm) });

  async function onSubmit(values: FormValues) {
    setFormError(null);
    try {
      if (mode === "signup") {
        const response = await fetch("/api/signup", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(values),
        });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { message?: string; fields?: Record<string, string[]> } | null;
          for (const [field, messages] of Object.entries(body?.fields ?? {})) {
            if (field in values) setError(field as keyof FormValues, { message: messages[0] });
          }
          if (!body?.fields) setFormError(body?.message ?? "Could not create the account. Please try again.");
          return;
        }
      }
      const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      if (!result || result.error) {
        const limited = result?.error?.startsWith("Too many");
        setFormError(limited ? result!.error! : mode === "signin" ? "The email or password is incorrect." : "Account created, but signing in failed. Please sign in.");
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setFormError("The server could not be reached. Check your connection and try again.");
    }
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex flex-col gap-4">
      {mode === "signup" && <Field label="Name (optional)" autoComplete="name" {...register("name")} error={errors.name?.message} />}
      <Field label="Email" type="email" autoComplete="email" inputMode="email" {...register("email")} error={errors.email?.message} />
      <Field
        label="Password"
        type="password"
        autoComplete={mode === "signup" ? "new-password" : "current-password"}
        {...register("password")}
        error={errors.password?.message}
      />
      {formError && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Please wait…" : mode === "signup" ? "Create account" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        {mode === "signup" ? (
          <>Already have an account? <Link className="font-medium text-indigo-600 underline" href="/signin">Sign in</Link></>
        ) : (
          <>New here? <Link className="font-medium text-indigo-600 underline" href="/signup">Create an account</Link></>
        )}
      </p>
    </form>
  );
}
