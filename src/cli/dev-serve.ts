// `npm run dev`: the server under tsx watch (restarts on change).
import { startServer } from '../server/main';

await startServer();
