import { Support } from '../../components/Support.jsx';

/** Support and crisis resources, one tap from anywhere in Me. */
export function SupportSection() {
  return <Support />;
}
