import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AAM Onboard", template: "%s · AAM Onboard" },
  description: "Turn CRM exports into Adobe Audience Manager inbound files that are accepted on the first try.",
};

const NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/submissions/new", label: "New submission" },
  { href: "/submissions", label: "History" },
  { href: "/data-sources", label: "Data sources" },
  { href: "/environments", label: "Environments" },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="font-semibold text-brand-700">
              AAM Onboard
            </Link>
            <ul className="flex gap-4 text-sm">
              {NAV.slice(1).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-slate-600 hover:text-slate-900">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
