import { AccountSettings } from '../team/account.js';

/** `/account` (team mode): devices, password, sign out. */
export default function AccountPage() {
  return (
    <AccountSettings
      onSignedOut={() => {
        window.location.assign('/');
      }}
    />
  );
}
