"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type FormValues = { email: string; password: string; name?: string };

/** The sign-in error next-auth passes on from lib/auth/options.ts when a limit is reached: "<code>:<seconds to wait>". */
const RATE_LIMITED = /^rate_limit:(signin|signin_address):(\d+)$/;

export function AuthForm({ mode }: { mode: "signin" | "signup" }) {
  const t = useTranslations("auth");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  // The same rules the server applies (lib/auth/users.ts), here for instant feedback in the reader's language.
  const schema = useMemo(() => {
    const signInForm = z.object({
      email: z
        .string()
        .trim()
        .pipe(z.email(t("validation.email"))),
      password: z.string().min(1, t("validation.passwordRequired")),
    });
    if (mode === "signin") return signInForm;
    return signInForm.extend({
      name: z.string().trim().max(120, t("validation.nameTooLong")).optional(),
      password: z.string().min(8, t("validation.passwordTooShort")).max(200, t("validation.passwordTooLong")),
    });
  }, [mode, t]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(schema) });

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
          if (!body?.fields) setFormError(body?.message ?? t("errors.signUpFailed"));
          return;
        }
      }
      const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      if (!result || result.error) {
        const limited = RATE_LIMITED.exec(result?.error ?? "");
        if (limited) {
          const when = format.relativeTime(Date.now() + Number(limited[2]) * 1000, { now: Date.now(), unit: Number(limited[2]) < 3600 ? "minute" : "hour" });
          setFormError(tErrors(limited[1] === "signin" ? "rate_limit.signin" : "rate_limit.signin_address", { when }));
        } else setFormError(mode === "signin" ? t("errors.wrongCredentials") : t("errors.createdButSignInFailed"));
        return;
      }
      router.replace("/");
      router.refresh();
    } catch {
      setFormError(t("errors.unreachable"));
    }
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex flex-col gap-4">
      {mode === "signup" && <Field label={t("fields.name")} autoComplete="name" {...register("name")} error={errors.name?.message} />}
      <Field label={t("fields.email")} type="email" autoComplete="email" inputMode="email" {...register("email")} error={errors.email?.message} />
      <Field
        label={t("fields.password")}
        type="password"
        autoComplete={mode === "signup" ? "new-password" : "current-password"}
        hint={mode === "signup" ? t("fields.passwordHint") : undefined}
        {...register("password")}
        error={errors.password?.message}
      />
      {formError && <Notice tone="danger">{formError}</Notice>}
      <Button type="submit" disabled={isSubmitting} className="mt-1">
        {isSubmitting ? t("pleaseWait") : mode === "signup" ? t("signUp.submit") : t("signIn.submit")}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        {mode === "signup" ? t("signUp.haveAccount") : t("signIn.noAccount")}{" "}
        <Link className="font-medium text-link underline-offset-2 hover:underline" href={mode === "signup" ? "/signin" : "/signup"}>
          {mode === "signup" ? t("signUp.toSignIn") : t("signIn.toSignUp")}
        </Link>
      </p>
    </form>
  );
}
