<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <source>not installed</source>
        <translation>no instalado</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>none (this window does not save settings)</source>
        <translation>ninguno (esta ventana no guarda ajustes)</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Carpeta del registro</translation>
    </message>
    <message>
        <source>none (no log file is being written)</source>
        <translation>ninguna (no se está escribiendo ningún archivo de registro)</translation>
    </message>
    <message>
        <source>About Front Desk</source>
        <translation>Acerca de Front Desk</translation>
    </message>
    <message>
        <source>The reception desk for a loyalty program: customers, program status, vouchers.</source>
        <translation>La recepción de un programa de fidelización: clientes, estado en el programa, vales.</translation>
    </message>
    <message>
        <source>{name}:</source>
        <translation>{name}:</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Copiar diagnóstico</translation>
    </message>
    <message>
        <source>Copy versions and paths, to paste into a message to support</source>
        <translation>Copia versiones y rutas, para pegarlas en un mensaje al soporte</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copiado.</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Voucher {code} was not found on this desk.</source>
        <translation>El vale {code} no está en esta recepción.</translation>
    </message>
    <message>
        <source>There is no voucher number {number} on this desk.</source>
        <translation>No hay ningún vale número {number} en esta recepción.</translation>
    </message>
    <message>
        <source>{customer} is not in the loyalty program.</source>
        <translation>{customer} no está en el programa de fidelización.</translation>
    </message>
    <message>
        <source>it could not be reached or did not answer in time</source>
        <translation>no se pudo contactar o no respondió a tiempo</translation>
    </message>
    <message>
        <source>Saved on this desk but not confirmed by the loyalty platform yet: {why:clause}. It will be sent automatically.</source>
        <translation>Guardado en esta recepción pero aún sin confirmar por la plataforma de fidelización: {why:clause}. Se enviará automáticamente.</translation>
    </message>
    <message>
        <source>That change is not on this desk.</source>
        <translation>Ese cambio no está en esta recepción.</translation>
    </message>
    <message>
        <source>Confirmed by the loyalty platform.</source>
        <translation>Confirmado por la plataforma de fidelización.</translation>
    </message>
    <message>
        <source>The loyalty platform refused it.</source>
        <translation>La plataforma de fidelización lo rechazó.</translation>
    </message>
    <message>
        <source>Saved on this desk; it will be sent to the loyalty platform at the next sync.</source>
        <translation>Guardado en esta recepción; se enviará a la plataforma de fidelización en la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>Activity</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Accepted by the platform</source>
        <translation>Aceptado por la plataforma</translation>
    </message>
    <message>
        <source>Refused by the platform</source>
        <translation>Rechazado por la plataforma</translation>
    </message>
    <message>
        <source>IMPORTED</source>
        <translation>IMPORTADO</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>PENDIENTE</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>ACTIVO</translation>
    </message>
    <message>
        <source>INACTIVE</source>
        <translation>INACTIVO</translation>
    </message>
    <message>
        <source>UNUSED</source>
        <translation>SIN USAR</translation>
    </message>
    <message>
        <source>USED</source>
        <translation>USADO</translation>
    </message>
    <message>
        <source>ISSUED</source>
        <translation>EMITIDO</translation>
    </message>
    <message>
        <source>PROCESSING</source>
        <translation>EN PROCESO</translation>
    </message>
    <message>
        <source>EXPIRED</source>
        <translation>CADUCADO</translation>
    </message>
    <message>
        <source>VOIDED</source>
        <translation>ANULADO</translation>
    </message>
    <message>
        <source>{before} → {after}</source>
        <translation>{before} → {after}</translation>
    </message>
    <message>
        <source>Refused by the platform: {reason:sentence}</source>
        <translation>Rechazado por la plataforma: {reason:sentence}</translation>
    </message>
    <message>
        <source>Refused by the platform.</source>
        <translation>Rechazado por la plataforma.</translation>
    </message>
    <message>
        <source>{outcome} Acknowledged by {who}.</source>
        <translation>{outcome} Revisado por {who}.</translation>
    </message>
    <message>
        <source>{what} — {outcome}</source>
        <translation>{what} — {outcome}</translation>
    </message>
    <message>
        <source>voucher {code} ({title})</source>
        <translation>vale {code} ({title})</translation>
    </message>
    <message>
        <source>voucher number {number}</source>
        <translation>vale número {number}</translation>
    </message>
    <message>
        <source>Changed program status</source>
        <translation>Cambió el estado en el programa</translation>
    </message>
    <message>
        <source>Marked {voucher} used</source>
        <translation>Marcó el {voucher} como usado</translation>
    </message>
    <message>
        <source>Set {voucher} back to unused</source>
        <translation>Devolvió el {voucher} a sin usar</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Activity on this desk</source>
        <translation>Actividad en esta recepción</translation>
    </message>
    <message>
        <source>customer number</source>
        <translation>número de cliente</translation>
    </message>
    <message>
        <source>Filter by customer</source>
        <translation>Filtrar por cliente</translation>
    </message>
    <message>
        <source>Show only this customer&apos;s entries (their number)</source>
        <translation>Mostrar solo las entradas de este cliente (su número)</translation>
    </message>
    <message>
        <source>staff name</source>
        <translation>nombre del empleado</translation>
    </message>
    <message>
        <source>Filter by staff</source>
        <translation>Filtrar por empleado</translation>
    </message>
    <message>
        <source>Show only what this staff member did</source>
        <translation>Mostrar solo lo que hizo este empleado</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Registro de actividad</translation>
    </message>
    <message>
        <source>This desk&apos;s audit log, newest first: who did what, when, why, and what became of it</source>
        <translation>El registro de auditoría de esta recepción, lo más reciente primero: quién hizo qué, cuándo, por qué y en qué quedó</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Staff:</source>
        <translation>Empleado:</translation>
    </message>
    <message>
        <source>A customer number is digits only.</source>
        <translation>Un número de cliente solo lleva dígitos.</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Nada todavía.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrada</numerusform>
            <numerusform>%n entradas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{entries}, %n refused by the platform</source>
        <translation>
            <numerusform>{entries}, %n rechazada por la plataforma</numerusform>
            <numerusform>{entries}, %n rechazadas por la plataforma</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <source>Status: {status}</source>
        <translation>Estado: {status}</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>Camera {number} ({width}x{height})</source>
        <translation>Cámara {number} ({width}x{height})</translation>
    </message>
    <message>
        <source>Camera {number} could not be started. Check that it is plugged in and that no other program (a video call, another Front Desk window) is using it, then try again.</source>
        <translation>No se pudo iniciar la cámara {number}. Comprueba que esté conectada y que ningún otro programa (una videollamada, otra ventana de Front Desk) la esté usando, y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Camera {number} is not started.</source>
        <translation>La cámara {number} no está iniciada.</translation>
    </message>
    <message>
        <source>Camera {number} stopped sending pictures. Check its cable, then start scanning again.</source>
        <translation>La cámara {number} dejó de enviar imágenes. Comprueba el cable y vuelve a escanear.</translation>
    </message>
    <message>
        <source>Camera {number} (not answering)</source>
        <translation>Cámara {number} (no responde)</translation>
    </message>
    <message>
        <source>Camera {number}</source>
        <translation>Cámara {number}</translation>
    </message>
    <message>
        <source>Video file {name}</source>
        <translation>Archivo de vídeo {name}</translation>
    </message>
    <message>
        <source>Scanning stopped because of an unexpected problem ({problem}).</source>
        <translation>El escaneo se detuvo por un problema inesperado ({problem}).</translation>
    </message>
    <message>
        <source>The picture {name} could not be opened ({reason}).</source>
        <translation>No se pudo abrir la imagen {name} ({reason}).</translation>
    </message>
    <message>
        <source>The file {name} could not be read as a picture.</source>
        <translation>El archivo {name} no se pudo leer como imagen.</translation>
    </message>
    <message>
        <source>The video file {path} was not found.</source>
        <translation>No se encontró el archivo de vídeo {path}.</translation>
    </message>
    <message>
        <source>The file {name} could not be read as a video.</source>
        <translation>El archivo {name} no se pudo leer como vídeo.</translation>
    </message>
    <message>
        <source>The folder {path} has no pictures in it.</source>
        <translation>La carpeta {path} no contiene imágenes.</translation>
    </message>
    <message>
        <source>The picture {path} was not found.</source>
        <translation>No se encontró la imagen {path}.</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <source>The scan was empty. Please scan or type the code again.</source>
        <translation>El escaneo llegó vacío. Escanea o escribe el código de nuevo.</translation>
    </message>
    <message>
        <source>That does not look like a voucher code. Please scan again, or type the code printed under the barcode.</source>
        <translation>Eso no parece un código de vale. Escanea de nuevo o escribe el código impreso bajo el código de barras.</translation>
    </message>
</context>
<context>
    <name>ConflictCard</name>
    <message>
        <source>Conflict: {headline}</source>
        <translation>Conflicto: {headline}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Apply the same status change again, checked against the new status</source>
        <translation>Aplicar de nuevo el mismo cambio de estado, comprobado con el estado nuevo</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Marcar como visto</translation>
    </message>
    <message>
        <source>I have read this; remove it from the list</source>
        <translation>Lo he leído; quitarlo de la lista</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>an unknown time</source>
        <translation>un momento desconocido</translation>
    </message>
    <message>
        <source>{at:day} at {at:time}</source>
        <translation>el {at:day} a las {at:time}</translation>
    </message>
    <message>
        <source>{customer}&apos;s voucher {code} ({title}) had already been used{where} by {by}{staff} on {when}. {here}, before the desks had synced; the platform kept the first use and did not count this one. Check whether the customer received the reward twice.</source>
        <translation>El vale {code} ({title}) de {customer} ya se había usado{where} por {by}{staff} {when}. {here}, antes de que las recepciones se sincronizaran; la plataforma mantuvo el primer uso y no contó este. Comprueba si el cliente recibió la recompensa dos veces.</translation>
    </message>
    <message>
        <source>This desk ({desk}, {staff}) accepted it on {when}</source>
        <translation>Esta recepción ({desk}, {staff}) lo aceptó {when}</translation>
    </message>
    <message>
        <source>the voucher</source>
        <translation>el vale</translation>
    </message>
    <message>
        <source> at {place}</source>
        <translation> en {place}</translation>
    </message>
    <message>
        <source>another desk or the customer&apos;s phone</source>
        <translation>otra recepción o el teléfono del cliente</translation>
    </message>
    <message>
        <source>Voucher {code} was used twice</source>
        <translation>El vale {code} se usó dos veces</translation>
    </message>
    <message>
        <source>{customer}: the platform refused a change to {status}</source>
        <translation>{customer}: la plataforma rechazó un cambio a {status}</translation>
    </message>
    <message>
        <source> The platform has it as {status} now.</source>
        <translation> Ahora la plataforma lo tiene como {status}.</translation>
    </message>
    <message>
        <source>This desk ({desk}, {staff}) made the change on {when}</source>
        <translation>Esta recepción ({desk}, {staff}) hizo el cambio {when}</translation>
    </message>
    <message>
        <source>{acted}. The platform said: {reason}{now_is}</source>
        <translation>{acted}. La plataforma dijo: {reason}{now_is}</translation>
    </message>
    <message>
        <source>No open conflicts. The platform has accepted everything this desk sent.</source>
        <translation>No hay conflictos abiertos. La plataforma ha aceptado todo lo que envió esta recepción.</translation>
    </message>
    <message>
        <source>No open conflicts. {count} refused change was looked at (see Activity).</source>
        <translation>No hay conflictos abiertos. Se revisó {count} cambio rechazado (ver Actividad).</translation>
    </message>
    <message>
        <source>No open conflicts. {count} refused changes were looked at (see Activity).</source>
        <translation>No hay conflictos abiertos. Se revisaron {count} cambios rechazados (ver Actividad).</translation>
    </message>
    <message>
        <source>That conflict no longer exists.</source>
        <translation>Ese conflicto ya no existe.</translation>
    </message>
    <message>
        <source>{who} already dealt with this conflict; nothing was changed.</source>
        <translation>{who} ya se ocupó de este conflicto; no se cambió nada.</translation>
    </message>
    <message>
        <source>Only a refused status change can be tried again.</source>
        <translation>Solo se puede reintentar un cambio de estado rechazado.</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>The conflict stays in the list until someone acknowledges it.</source>
        <translation>El conflicto sigue en la lista hasta que alguien lo marque como visto.</translation>
    </message>
    <message>
        <source>Conflicts — changes the platform refused</source>
        <translation>Conflictos — cambios que la plataforma rechazó</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <source>{customer} is now {status}; it will be sent at the next sync.</source>
        <translation>{customer} ahora está {status}; se enviará en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Not applied: {reason} {stays}</source>
        <translation>No aplicado: {reason} {stays}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Demo — the customers here are generated demo data from a local demo hub, not real people.</source>
        <translation>Demo — los clientes son datos de demostración generados por un hub local, no personas reales.</translation>
    </message>
    <message>
        <source>Demo banner</source>
        <translation>Aviso de demostración</translation>
    </message>
    <message>
        <source>Signed in to {url} as {staff}. Close and reopen Front Desk to work with its customers. Until then this window keeps working on the demo data and sends nothing to {url}.</source>
        <translation>Sesión iniciada en {url} como {staff}. Cierra y vuelve a abrir Front Desk para trabajar con sus clientes. Hasta entonces esta ventana sigue con los datos de demostración y no envía nada a {url}.</translation>
    </message>
    <message>
        <source>Signed in to {url} as {staff}. Close and reopen Front Desk to work with its customers. Until then this window keeps working on this platform&apos;s customers and sends nothing to {url}.</source>
        <translation>Sesión iniciada en {url} como {staff}. Cierra y vuelve a abrir Front Desk para trabajar con sus clientes. Hasta entonces esta ventana sigue con los clientes de esta plataforma y no envía nada a {url}.</translation>
    </message>
    <message>
        <source>Connect to the loyalty platform</source>
        <translation>Conectar con la plataforma de fidelización</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>Dirección de la plataforma</translation>
    </message>
    <message>
        <source>e.g. https://loyalty.example.com or your hub&apos;s address</source>
        <translation>p. ej. https://loyalty.example.com o la dirección de tu hub</translation>
    </message>
    <message>
        <source>Business number</source>
        <translation>Número de empresa</translation>
    </message>
    <message>
        <source>Your business&apos;s number on the platform</source>
        <translation>El número de tu empresa en la plataforma</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Where this desk is; recorded on every voucher marked here</source>
        <translation>Dónde está esta recepción; se anota en cada vale marcado aquí</translation>
    </message>
    <message>
        <source>Desk name</source>
        <translation>Nombre de la recepción</translation>
    </message>
    <message>
        <source>Shown to other desks when a conflict involves this one</source>
        <translation>Se muestra a otras recepciones cuando un conflicto implica a esta</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>Nombre del empleado</translation>
    </message>
    <message>
        <source>Your sign-in name on the platform</source>
        <translation>Tu nombre de acceso en la plataforma</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your platform password; it is not stored, only the sign-in token</source>
        <translation>Tu contraseña de la plataforma; no se guarda, solo el token de acceso</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in and start syncing this desk</source>
        <translation>Inicia sesión y empieza a sincronizar esta recepción</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Remove the sign-in from this computer; changes stay saved here</source>
        <translation>Quita el inicio de sesión de este equipo; los cambios siguen guardados aquí</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Please fill in the platform address, your staff name and your password.</source>
        <translation>Rellena la dirección de la plataforma, tu nombre de empleado y tu contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Signed in as {staff} ({role}).</source>
        <translation>Sesión iniciada como {staff} ({role}).</translation>
    </message>
    <message>
        <source>Signed out. Changes made here stay saved and are sent after the next sign-in.</source>
        <translation>Sesión cerrada. Los cambios hechos aquí siguen guardados y se envían tras el próximo inicio de sesión.</translation>
    </message>
    <message>
        <source>Reopen to switch platform</source>
        <translation>Reabrir para cambiar de plataforma</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Change this customer&apos;s loyalty program status</source>
        <translation>Cambiar el estado de este cliente en el programa de fidelización</translation>
    </message>
    <message>
        <source>The customer&apos;s membership at the business, from its membership system. Only a customer whose membership is active can be set Active in the loyalty program.</source>
        <translation>La membresía del cliente en la empresa, según su sistema de socios. Solo a un cliente con la membresía activa se le puede poner Activo en el programa de fidelización.</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Correos</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Cumpleaños</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>Número de socio</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>Membresía</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Home location</source>
        <translation>Ubicación habitual</translation>
    </message>
    <message>
        <source>✗ Refused by the loyalty platform: {not_done}. {why}</source>
        <translation>✗ Rechazado por la plataforma de fidelización: {not_done}. {why}</translation>
    </message>
    <message>
        <source>{name} is now {after} (was {before})</source>
        <translation>{name} ahora está {after} (antes {before})</translation>
    </message>
    <message>
        <source>{name} was not set {after}</source>
        <translation>{name} no pasó a {after}</translation>
    </message>
    <message>
        <source>“{title}” ({code}) marked as used</source>
        <translation>«{title}» ({code}) marcado como usado</translation>
    </message>
    <message>
        <source>“{title}” ({code}) was not marked as used</source>
        <translation>«{title}» ({code}) no se marcó como usado</translation>
    </message>
    <message>
        <source>“{title}” ({code}) set back to unused</source>
        <translation>«{title}» ({code}) devuelto a sin usar</translation>
    </message>
    <message>
        <source>“{title}” ({code}) was not set back to unused</source>
        <translation>«{title}» ({code}) no se devolvió a sin usar</translation>
    </message>
    <message>
        <source>{status} (waiting to sync)</source>
        <translation>{status} (pendiente de sincronizar)</translation>
    </message>
    <message>
        <source>Choose a customer from the results to see their profile.</source>
        <translation>Elige un cliente de los resultados para ver su perfil.</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <source>{field}:</source>
        <translation>{field}:</translation>
    </message>
    <message>
        <source>Edit program status</source>
        <translation>Editar el estado en el programa</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loyalty Program Status&lt;/b&gt;</source>
        <translation>&lt;b&gt;Estado en el programa de fidelización&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Vales</translation>
    </message>
    <message>
        <source>This customer&apos;s vouchers, newest first, each with what can be done with it</source>
        <translation>Los vales de este cliente, los más recientes primero, cada uno con lo que se puede hacer con él</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vouchers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Vales&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Not in the program</source>
        <translation>Fuera del programa</translation>
    </message>
    <message>
        <source>Not connected to the loyalty program</source>
        <translation>Sin vínculo con el programa de fidelización</translation>
    </message>
    <message>
        <source>Not in the loyalty program: there is no program status to change here.</source>
        <translation>No está en el programa de fidelización: aquí no hay ningún estado que cambiar.</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>There is no customer number {number} on this desk.</source>
        <translation>No hay ningún cliente número {number} en esta recepción.</translation>
    </message>
    <message>
        <source>Customer {number}</source>
        <translation>Cliente {number}</translation>
    </message>
</context>
<context>
    <name>Desk PINs</name>
    <message>
        <source>A PIN is {least} to {most} digits, nothing else.</source>
        <translation>Un PIN tiene de {least} a {most} dígitos, nada más.</translation>
    </message>
    <message>
        <source>A PIN like 1111 or 1234 is too easy to guess. Please choose another one.</source>
        <translation>Un PIN como 1111 o 1234 es demasiado fácil de adivinar. Elige otro, por favor.</translation>
    </message>
    <message>
        <source>{count} second</source>
        <translation>{count} segundo</translation>
    </message>
    <message>
        <source>{count} seconds</source>
        <translation>{count} segundos</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count} minutos</translation>
    </message>
    <message>
        <source>Sign in with your platform password to set a new PIN.</source>
        <translation>Inicia sesión con tu contraseña de la plataforma para crear un PIN nuevo.</translation>
    </message>
    <message>
        <source>This desk has no loyalty platform to check your password with.</source>
        <translation>Esta recepción no tiene ninguna plataforma de fidelización con la que comprobar tu contraseña.</translation>
    </message>
    <message>
        <source>The loyalty platform could not be reached, so your password could not be checked. A PIN can be set once this desk is online; a PIN set before still unlocks.</source>
        <translation>No se pudo contactar con la plataforma de fidelización, así que no se pudo comprobar tu contraseña. Podrás crear un PIN cuando esta recepción esté en línea; un PIN creado antes sigue desbloqueándola.</translation>
    </message>
    <message>
        <source>“{name}” has no PIN on this desk yet. {hint}</source>
        <translation>«{name}» aún no tiene PIN en esta recepción. {hint}</translation>
    </message>
    <message>
        <source>The PIN for {name} was just changed on this desk. Please type the new one.</source>
        <translation>El PIN de {name} acaba de cambiar en esta recepción. Escribe el nuevo, por favor.</translation>
    </message>
    <message>
        <source>Too many wrong PINs for {name}: this PIN no longer unlocks the desk. {hint}</source>
        <translation>Demasiados PIN incorrectos de {name}: este PIN ya no desbloquea la recepción. {hint}</translation>
    </message>
    <message>
        <source>Too many wrong PINs for {name}. Try again in {wait}, or sign in with your platform password to set a new PIN.</source>
        <translation>Demasiados PIN incorrectos de {name}. Vuelve a intentarlo dentro de {wait}, o inicia sesión con tu contraseña de la plataforma para crear un PIN nuevo.</translation>
    </message>
    <message>
        <source>That PIN is not right. Too many wrong PINs for {name}: this PIN no longer unlocks the desk. {hint}</source>
        <translation>Ese PIN no es correcto. Demasiados PIN incorrectos de {name}: este PIN ya no desbloquea la recepción. {hint}</translation>
    </message>
    <message>
        <source>That PIN is not right. Too many wrong PINs for {name}: try again in {wait}.</source>
        <translation>Ese PIN no es correcto. Demasiados PIN incorrectos de {name}: vuelve a intentarlo dentro de {wait}.</translation>
    </message>
    <message>
        <source>That PIN is not right for {name}. {count} more try before the desk makes you wait.</source>
        <translation>Ese PIN no es el de {name}. Te queda {count} intento antes de que la recepción te haga esperar.</translation>
    </message>
    <message>
        <source>That PIN is not right for {name}. {count} more tries before the desk makes you wait.</source>
        <translation>Ese PIN no es el de {name}. Te quedan {count} intentos antes de que la recepción te haga esperar.</translation>
    </message>
</context>
<context>
    <name>DeskLock</name>
    <message>
        <source>Demo desk: the demo platform&apos;s staff, e.g. “{name}”, sign in with the password “{password}”.</source>
        <translation>Recepción de demostración: el personal de la plataforma de demostración, p. ej. «{name}», inicia sesión con la contraseña «{password}».</translation>
    </message>
    <message>
        <source>Front Desk — {desk} — Locked</source>
        <translation>Front Desk — {desk} — Bloqueado</translation>
    </message>
    <message>
        <source>Locked: unlock with your PIN</source>
        <translation>Bloqueado: desbloquea con tu PIN</translation>
    </message>
</context>
<context>
    <name>DeskSettings</name>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
</context>
<context>
    <name>DeskState</name>
    <message>
        <source>This desk&apos;s data belongs to {owner}, so nothing was sent to {wanted}. Close and reopen Front Desk to work with that platform&apos;s own customers; the changes waiting here stay saved for their own platform.</source>
        <translation>Los datos de esta recepción pertenecen a {owner}, así que no se envió nada a {wanted}. Cierra y vuelve a abrir Front Desk para trabajar con los clientes de esa plataforma; los cambios pendientes aquí siguen guardados para su propia plataforma.</translation>
    </message>
    <message>
        <source>This desk database ({file}) holds generated demo customers, so nothing in it is ever sent to a loyalty platform.</source>
        <translation>Esta base de datos de recepción ({file}) contiene clientes de demostración generados, así que nada de ella se envía nunca a una plataforma de fidelización.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Front Desk — something went wrong</source>
        <translation>Front Desk — algo salió mal</translation>
    </message>
    <message>
        <source>The details were written to the log file {path}.</source>
        <translation>Los detalles se escribieron en el archivo de registro {path}.</translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation>No se pudo escribir ningún archivo de registro.</translation>
    </message>
    <message>
        <source>Something went wrong in Front Desk. What was already saved stays saved. If the window does not work as it should, close Front Desk and open it again.</source>
        <translation>Algo salió mal en Front Desk. Lo que ya estaba guardado sigue guardado. Si la ventana no funciona como debe, cierra Front Desk y vuelve a abrirlo.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Detalles del error</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copiar detalles</translation>
    </message>
    <message>
        <source>Copy the details, to send them to support</source>
        <translation>Copia los detalles para enviarlos al soporte</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <source>{message} It happened %n times.</source>
        <translation>
            <numerusform>{message} Ocurrió %n vez.</numerusform>
            <numerusform>{message} Ocurrió %n veces.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>System (default)</source>
        <translation>Sistema (predeterminado)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The language of Front Desk&apos;s window, its dates and its numbers</source>
        <translation>El idioma de la ventana de Front Desk, sus fechas y sus números</translation>
    </message>
    <message>
        <source>A new language shows the next time Front Desk is opened.</source>
        <translation>Un idioma nuevo se muestra la próxima vez que se abre Front Desk.</translation>
    </message>
    <message>
        <source>When the language changes</source>
        <translation>Cuándo cambia el idioma</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Cerrar esta ventana</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Saved: Front Desk will be in {language} the next time it is opened.</source>
        <translation>Guardado: Front Desk estará en {language} la próxima vez que se abra.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Lock screen</source>
        <translation>Pantalla de bloqueo</translation>
    </message>
    <message>
        <source>Front Desk is locked</source>
        <translation>Front Desk está bloqueado</translation>
    </message>
    <message>
        <source>Who is at the desk? Type your name or pick it, then your PIN, then Enter.</source>
        <translation>¿Quién está en la recepción? Escribe o elige tu nombre, luego tu PIN y pulsa Intro.</translation>
    </message>
    <message>
        <source>Type the first letters of your name; the arrow keys pick from the list</source>
        <translation>Escribe las primeras letras de tu nombre; las flechas eligen de la lista</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>Nombre del empleado</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Tu nombre</translation>
    </message>
    <message>
        <source>Staff with a PIN on this desk</source>
        <translation>Personal con PIN en esta recepción</translation>
    </message>
    <message>
        <source>Click your name, or press Enter on it, then type your PIN</source>
        <translation>Haz clic en tu nombre o pulsa Intro sobre él, y escribe tu PIN</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Your desk PIN; Enter unlocks</source>
        <translation>Tu PIN de recepción; Intro desbloquea</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Unlock the desk as the chosen staff member</source>
        <translation>Desbloquear la recepción como el empleado elegido</translation>
    </message>
    <message>
        <source>Set or reset my PIN…</source>
        <translation>Crear o restablecer mi PIN…</translation>
    </message>
    <message>
        <source>Set or reset PIN</source>
        <translation>Crear o restablecer PIN</translation>
    </message>
    <message>
        <source>Sign in with your platform password and choose a new PIN</source>
        <translation>Inicia sesión con tu contraseña de la plataforma y elige un PIN nuevo</translation>
    </message>
    <message>
        <source>Sign in with your loyalty platform password, then choose a PIN of 4 to 12 digits. The platform says who you are and what your role lets you do; this desk keeps only a salted hash of the PIN.</source>
        <translation>Inicia sesión con tu contraseña de la plataforma de fidelización y elige un PIN de 4 a 12 dígitos. La plataforma dice quién eres y qué te permite hacer tu rol; esta recepción solo guarda un hash con sal del PIN.</translation>
    </message>
    <message>
        <source>Your platform sign-in name</source>
        <translation>Tu nombre de acceso a la plataforma</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your platform password; it is not stored</source>
        <translation>Tu contraseña de la plataforma; no se guarda</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <source>4 to 12 digits</source>
        <translation>de 4 a 12 dígitos</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Repite el PIN nuevo</translation>
    </message>
    <message>
        <source>The same PIN once more; Enter sets it</source>
        <translation>El mismo PIN otra vez; Intro lo guarda</translation>
    </message>
    <message>
        <source>Check the password with the platform, keep the PIN, unlock</source>
        <translation>Comprobar la contraseña con la plataforma, guardar el PIN, desbloquear</translation>
    </message>
    <message>
        <source>Set PIN and unlock</source>
        <translation>Guardar PIN y desbloquear</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>Guardar PIN</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Back to unlocking with a PIN (Esc)</source>
        <translation>Volver a desbloquear con PIN (Esc)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN otra vez</translation>
    </message>
    <message>
        <source> · PIN blocked: set a new one</source>
        <translation> · PIN bloqueado: crea uno nuevo</translation>
    </message>
    <message>
        <source>Nobody has a PIN on this desk yet. Sign in with your platform password and choose one to unlock.</source>
        <translation>Nadie tiene PIN en esta recepción todavía. Inicia sesión con tu contraseña de la plataforma y elige uno para desbloquear.</translation>
    </message>
    <message>
        <source>Nobody of that name has a PIN on this desk. Pick a name from the list, or set a PIN with your platform password.</source>
        <translation>Nadie con ese nombre tiene PIN en esta recepción. Elige un nombre de la lista o crea un PIN con tu contraseña de la plataforma.</translation>
    </message>
    <message>
        <source>Type your name or pick it from the list first.</source>
        <translation>Primero escribe tu nombre o elígelo de la lista.</translation>
    </message>
    <message>
        <source>Type your PIN, then press Enter.</source>
        <translation>Escribe tu PIN y pulsa Intro.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Please fill in your name, your platform password and a new PIN.</source>
        <translation>Rellena tu nombre, tu contraseña de la plataforma y un PIN nuevo.</translation>
    </message>
    <message>
        <source>The two PINs are not the same. Please type the new PIN twice again.</source>
        <translation>Los dos PIN no coinciden. Escribe el PIN nuevo dos veces otra vez.</translation>
    </message>
    <message>
        <source>Checking your password with the platform…</source>
        <translation>Comprobando tu contraseña con la plataforma…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Mark Perks as Used</source>
        <translation>Marcar ventajas como usadas</translation>
    </message>
    <message>
        <source>Find a customer, see and change their program status and vouchers</source>
        <translation>Buscar un cliente, ver y cambiar su estado en el programa y sus vales</translation>
    </message>
    <message>
        <source>Scan vouchers with the camera or a USB scanner, or type a code</source>
        <translation>Escanear vales con la cámara o un escáner USB, o escribir un código</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Signed-in staff</source>
        <translation>Empleado con sesión iniciada</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios pendientes</translation>
    </message>
</context>
<context>
    <name>Membership</name>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactiva</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Recepción</translation>
    </message>
    <message>
        <source>&amp;Connect to platform…</source>
        <translation>&amp;Conectar con la plataforma…</translation>
    </message>
    <message>
        <source>Sign in to the loyalty platform, or sign out</source>
        <translation>Iniciar sesión en la plataforma de fidelización, o cerrarla</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch news from the platform now</source>
        <translation>Enviar ahora los cambios pendientes y traer las novedades de la plataforma</translation>
    </message>
    <message>
        <source>Con&amp;flicts…</source>
        <translation>Con&amp;flictos…</translation>
    </message>
    <message>
        <source>Changes the platform refused, to look at and acknowledge</source>
        <translation>Cambios que la plataforma rechazó, para revisarlos y marcarlos como vistos</translation>
    </message>
    <message>
        <source>&amp;Activity…</source>
        <translation>&amp;Actividad…</translation>
    </message>
    <message>
        <source>Everything done at this desk: who, when, what</source>
        <translation>Todo lo hecho en esta recepción: quién, cuándo, qué</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>I&amp;nforme…</translation>
    </message>
    <message>
        <source>The end-of-day report: what each staff member did, and its outcome</source>
        <translation>El informe de cierre del día: lo que hizo cada empleado y en qué quedó</translation>
    </message>
    <message>
        <source>La&amp;nguage…</source>
        <translation>&amp;Idioma…</translation>
    </message>
    <message>
        <source>The window&apos;s language; a new one shows when Front Desk is next opened</source>
        <translation>El idioma de la ventana; uno nuevo se muestra la próxima vez que se abre Front Desk</translation>
    </message>
    <message>
        <source>&amp;Lock desk</source>
        <translation>&amp;Bloquear recepción</translation>
    </message>
    <message>
        <source>Lock the desk for the next person&apos;s PIN (Ctrl+L)</source>
        <translation>Bloquear la recepción hasta el PIN de la siguiente persona (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>Close Front Desk; waiting changes are kept</source>
        <translation>Cerrar Front Desk; los cambios pendientes se conservan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ayuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Atajos de teclado…</translation>
    </message>
    <message>
        <source>Every key the window answers to</source>
        <translation>Todas las teclas a las que responde la ventana</translation>
    </message>
    <message>
        <source>&amp;About Front Desk</source>
        <translation>Acerca &amp;de Front Desk</translation>
    </message>
    <message>
        <source>Versions, where this desk keeps its files, diagnostics</source>
        <translation>Versiones, dónde guarda sus archivos esta recepción, diagnóstico</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>PanelKeys</name>
    <message>
        <source>No voucher of this customer can be marked as used now.</source>
        <translation>Ahora no se puede marcar como usado ningún vale de este cliente.</translation>
    </message>
    <message>
        <source>{count} vouchers can be marked: Tab to the one you mean, then press Enter.</source>
        <translation>Se pueden marcar {count} vales: ve con Tab al que quieras y pulsa Intro.</translation>
    </message>
    <message>
        <source>No voucher of this customer can be set back to unused now.</source>
        <translation>Ahora no se puede devolver a sin usar ningún vale de este cliente.</translation>
    </message>
    <message>
        <source>{count} vouchers can be set back: Tab to the one you mean, then press Enter.</source>
        <translation>Se pueden devolver {count} vales: ve con Tab al que quieras y pulsa Intro.</translation>
    </message>
    <message>
        <source>This voucher is {status}: that cannot be done with it.</source>
        <translation>Este vale está {status}: no se puede hacer eso con él.</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Camera picture</source>
        <translation>Imagen de la cámara</translation>
    </message>
    <message>
        <source>Hold the voucher&apos;s barcode or QR code up to the camera</source>
        <translation>Acerca a la cámara el código de barras o QR del vale</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Iniciando la cámara…</translation>
    </message>
</context>
<context>
    <name>ProgramStatus</name>
    <message>
        <source>“{text}” is not a program status. Use one of: {names}.</source>
        <translation>«{text}» no es un estado del programa. Usa uno de: {names}.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Added to the program; no invitation sent yet.</source>
        <translation>Añadido al programa; aún sin invitación.</translation>
    </message>
    <message>
        <source>Invited; has not joined yet.</source>
        <translation>Invitado; aún no se ha unido.</translation>
    </message>
    <message>
        <source>Joined: earns, redeems and gets the business&apos;s messages.</source>
        <translation>Unido: acumula, canjea y recibe los mensajes de la empresa.</translation>
    </message>
    <message>
        <source>Disconnected (opted out or disconnected by the business); gets no messages.</source>
        <translation>Desconectado (se dio de baja o lo desconectó la empresa); no recibe mensajes.</translation>
    </message>
    <message>
        <source>Disconnect the customer.</source>
        <translation>Desconectar al cliente.</translation>
    </message>
    <message>
        <source>The customer is already {status}.</source>
        <translation>El cliente ya está {status}.</translation>
    </message>
    <message>
        <source>Imported is only set when a customer is first imported; nobody can be moved back to it.</source>
        <translation>Importado solo se asigna al importar un cliente por primera vez; nadie puede volver a ese estado.</translation>
    </message>
    <message>
        <source>Invite the customer to join.</source>
        <translation>Invitar al cliente a unirse.</translation>
    </message>
    <message>
        <source>The customer joined here at the desk.</source>
        <translation>El cliente se unió aquí en la recepción.</translation>
    </message>
    <message>
        <source>The customer has joined.</source>
        <translation>El cliente se ha unido.</translation>
    </message>
    <message>
        <source>Disconnect the customer; they get no more messages.</source>
        <translation>Desconectar al cliente; no recibirá más mensajes.</translation>
    </message>
    <message>
        <source>Re-invite the customer.</source>
        <translation>Volver a invitar al cliente.</translation>
    </message>
    <message>
        <source>An active member has already joined, so they cannot be invited again. Set Inactive to disconnect.</source>
        <translation>Un miembro activo ya se ha unido, así que no se le puede volver a invitar. Pon Inactivo para desconectarlo.</translation>
    </message>
    <message>
        <source>A disconnected customer must be re-invited first (Pending); they become Active when they join.</source>
        <translation>A un cliente desconectado hay que volver a invitarlo primero (Pendiente); pasa a Activo cuando se une.</translation>
    </message>
    <message>
        <source>The customer&apos;s membership is not active, so they cannot be set Active in the program.</source>
        <translation>La membresía del cliente no está activa, así que no se le puede poner Activo en el programa.</translation>
    </message>
    <message>
        <source>Cannot change {before} to {after}. {why}</source>
        <translation>No se puede cambiar de {before} a {after}. {why}</translation>
    </message>
</context>
<context>
    <name>RefusalBanner</name>
    <message>
        <source>Refused by the platform</source>
        <translation>Rechazado por la plataforma</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Marcar como visto</translation>
    </message>
    <message>
        <source>Acknowledge refusals</source>
        <translation>Marcar rechazos como vistos</translation>
    </message>
    <message>
        <source>I have seen this; remove it from the window (it stays in Activity)</source>
        <translation>Lo he visto; quitarlo de la ventana (sigue en Actividad)</translation>
    </message>
    <message>
        <source>Conflicts…</source>
        <translation>Conflictos…</translation>
    </message>
    <message>
        <source>Show conflicts</source>
        <translation>Mostrar conflictos</translation>
    </message>
    <message>
        <source>Open the list of conflicts</source>
        <translation>Abrir la lista de conflictos</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see Conflicts).</source>
        <translation>
            <numerusform>… y %n más (ver Conflictos).</numerusform>
            <numerusform>… y %n más (ver Conflictos).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <source>The platform refused the use of voucher {code} (“{title}”) for {customer}</source>
        <translation>La plataforma rechazó el uso del vale {code} («{title}») de {customer}</translation>
    </message>
    <message>
        <source>The platform refused the setting back of voucher {code} (“{title}”) for {customer}</source>
        <translation>La plataforma rechazó devolver a sin usar el vale {code} («{title}») de {customer}</translation>
    </message>
    <message>
        <source>The platform refused {customer}&apos;s change to {status}</source>
        <translation>La plataforma rechazó el cambio de {customer} a {status}</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Redemption</source>
        <translation>Canje</translation>
    </message>
    <message>
        <source>Set back to unused</source>
        <translation>Devuelto a sin usar</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Cambio de estado</translation>
    </message>
    <message>
        <source>{first:weekday}</source>
        <translation>{first:weekday}</translation>
    </message>
    <message>
        <source>{first:weekday} – {last:weekday}</source>
        <translation>{first:weekday} – {last:weekday}</translation>
    </message>
    <message>
        <source>The report cannot end ({last:day}) before it begins ({first:day}).</source>
        <translation>El informe no puede terminar ({last:day}) antes de empezar ({first:day}).</translation>
    </message>
    <message>
        <source>program status</source>
        <translation>estado en el programa</translation>
    </message>
    <message>
        <source>Cannot save the report as {path}: the folder {folder} does not exist.</source>
        <translation>No se puede guardar el informe como {path}: la carpeta {folder} no existe.</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>no se pudo escribir el archivo</translation>
    </message>
    <message>
        <source>Cannot save the report as {path}: {reason}.</source>
        <translation>No se puede guardar el informe como {path}: {reason}.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>End-of-day report</source>
        <translation>Informe de cierre del día</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>The first day of the report</source>
        <translation>El primer día del informe</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>The last day of the report (included)</source>
        <translation>El último día del informe (incluido)</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Hoy</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Show today&apos;s report</source>
        <translation>Mostrar el informe de hoy</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Exportar &amp;CSV…</translation>
    </message>
    <message>
        <source>Save every action as a CSV file</source>
        <translation>Guardar cada acción en un archivo CSV</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>Guardar el informe como archivo PDF</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <source>Print the report</source>
        <translation>Imprimir el informe</translation>
    </message>
    <message>
        <source>Totals by staff and location</source>
        <translation>Totales por empleado y ubicación</translation>
    </message>
    <message>
        <source>What each staff member did at each location, and what became of it</source>
        <translation>Lo que hizo cada empleado en cada ubicación y en qué quedó</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <source>{tip}; ↑ and ↓ move it a day (on the month or year: those)</source>
        <translation>{tip}; ↑ y ↓ lo mueven un día (sobre el mes o el año: estos)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Times are in this computer&apos;s local time.</source>
        <translation>Las horas están en la hora local de este equipo.</translation>
    </message>
</context>
<context>
    <name>ReportDocument</name>
    <message>
        <source>not recorded</source>
        <translation>no registrada</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Canjes</translation>
    </message>
    <message>
        <source>Set back</source>
        <translation>Devueltos</translation>
    </message>
    <message>
        <source>Status changes</source>
        <translation>Cambios de estado</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptados</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>Todo el personal</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Guardando {name}…</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Guardado como {path}.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado a la impresora.</translation>
    </message>
</context>
<context>
    <name>ReportRowsView</name>
    <message>
        <source>Every action</source>
        <translation>Cada acción</translation>
    </message>
    <message>
        <source>Every action on these days, oldest first</source>
        <translation>Cada acción de estos días, la más antigua primero</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>Nothing was done at this desk on these days.</source>
        <translation>No se hizo nada en esta recepción estos días.</translation>
    </message>
    <message>
        <source>{redemptions}, {set_backs} set back, {status_changes}</source>
        <translation>{redemptions}, {set_backs} devueltos, {status_changes}</translation>
    </message>
    <message numerus="yes">
        <source>%n redemption(s)</source>
        <translation>
            <numerusform>%n canje</numerusform>
            <numerusform>%n canjes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status change(s)</source>
        <translation>
            <numerusform>%n cambio de estado</numerusform>
            <numerusform>%n cambios de estado</numerusform>
        </translation>
    </message>
    <message>
        <source>{accepted} accepted, {waiting} waiting to be sent, {refused} refused by the platform</source>
        <translation>{accepted} aceptadas, {waiting} pendientes de envío, {refused} rechazadas por la plataforma</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) ({kinds}): {outcomes}.</source>
        <translation>
            <numerusform>%n acción ({kinds}): {outcomes}.</numerusform>
            <numerusform>%n acciones ({kinds}): {outcomes}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Location is recorded for redemptions only; other actions say “{not_recorded}”.</source>
        <translation>La ubicación solo se registra en los canjes; las demás acciones dicen «{not_recorded}».</translation>
    </message>
    <message>
        <source>End-of-day report — {days}</source>
        <translation>Informe de cierre del día — {days}</translation>
    </message>
    <message>
        <source>{desk} · made {day} {time} · times in this computer&apos;s local time</source>
        <translation>{desk} · hecho el {day} {time} · horas en la hora local de este equipo</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>, a change waiting to sync</source>
        <translation>, un cambio pendiente de sincronizar</translation>
    </message>
    <message>
        <source>, member {number}</source>
        <translation>, socio {number}</translation>
    </message>
    <message>
        <source>Not in the program</source>
        <translation>Fuera del programa</translation>
    </message>
    <message>
        <source> A change made here is waiting to be sent to the platform.</source>
        <translation> Un cambio hecho aquí espera a enviarse a la plataforma.</translation>
    </message>
    <message>
        <source>{name} — member {number}.{waiting} Press Enter to open.</source>
        <translation>{name} — socio {number}.{waiting} Pulsa Intro para abrir.</translation>
    </message>
</context>
<context>
    <name>ScanCard</name>
    <message>
        <source>✓ Marked as used</source>
        <translation>✓ Marcado como usado</translation>
    </message>
    <message>
        <source>Ready — press Enter to mark as used</source>
        <translation>Listo — pulsa Intro para marcarlo como usado</translation>
    </message>
    <message>
        <source>✗ Not marked — this voucher cannot be used</source>
        <translation>✗ Sin marcar — este vale no se puede usar</translation>
    </message>
    <message>
        <source>✗ Not found on this desk</source>
        <translation>✗ No está en esta recepción</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>Tarjeta de socio</translation>
    </message>
    <message>
        <source>✗ Not a voucher code</source>
        <translation>✗ No es un código de vale</translation>
    </message>
    <message>
        <source>✗ Not saved</source>
        <translation>✗ No guardado</translation>
    </message>
    <message>
        <source>✓ marked</source>
        <translation>✓ marcado</translation>
    </message>
    <message>
        <source>waiting for Enter</source>
        <translation>esperando Intro</translation>
    </message>
    <message>
        <source>✗ not usable</source>
        <translation>✗ no utilizable</translation>
    </message>
    <message>
        <source>✗ not found</source>
        <translation>✗ no encontrado</translation>
    </message>
    <message>
        <source>member card</source>
        <translation>tarjeta de socio</translation>
    </message>
    <message>
        <source>✗ unreadable</source>
        <translation>✗ ilegible</translation>
    </message>
    <message>
        <source>✗ not saved</source>
        <translation>✗ no guardado</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>cámara</translation>
    </message>
    <message>
        <source>USB scanner</source>
        <translation>escáner USB</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>tecleado</translation>
    </message>
    <message>
        <source>✓ Marked on this desk — not confirmed by the platform yet</source>
        <translation>✓ Marcado en esta recepción — aún sin confirmar por la plataforma</translation>
    </message>
    <message>
        <source>✗ Refused by the loyalty platform — not marked</source>
        <translation>✗ Rechazado por la plataforma de fidelización — sin marcar</translation>
    </message>
    <message>
        <source>Refused later by the loyalty platform: {reason} The voucher was not used here.</source>
        <translation>Rechazado después por la plataforma de fidelización: {reason} El vale no se usó aquí.</translation>
    </message>
    <message>
        <source>Member card: {customer}</source>
        <translation>Tarjeta de socio: {customer}</translation>
    </message>
    <message>
        <source>✗ refused by the platform</source>
        <translation>✗ rechazado por la plataforma</translation>
    </message>
    <message>
        <source>✓ marked, waiting to sync</source>
        <translation>✓ marcado, pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Scan result</source>
        <translation>Resultado del escaneo</translation>
    </message>
    <message>
        <source>Scan a voucher, or type its code.</source>
        <translation>Escanea un vale o escribe su código.</translation>
    </message>
    <message>
        <source>Scan message</source>
        <translation>Mensaje del escaneo</translation>
    </message>
    <message>
        <source>Mark as used (Enter)</source>
        <translation>Marcar como usado (Intro)</translation>
    </message>
    <message>
        <source>Mark as used</source>
        <translation>Marcar como usado</translation>
    </message>
    <message>
        <source>Mark this voucher as used now</source>
        <translation>Marcar este vale como usado ahora</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>Abrir cliente</translation>
    </message>
    <message>
        <source>Show this customer&apos;s profile</source>
        <translation>Mostrar el perfil de este cliente</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Buscar clientes</translation>
    </message>
    <message>
        <source>Search customers for this code</source>
        <translation>Buscar clientes con este código</translation>
    </message>
    <message>
        <source>Look for the customer by this code or by name</source>
        <translation>Buscar al cliente por este código o por nombre</translation>
    </message>
    <message>
        <source>Code {code} · {source} · {time}</source>
        <translation>Código {code} · {source} · {time}</translation>
    </message>
    <message>
        <source>Customer: {customer}</source>
        <translation>Cliente: {customer}</translation>
    </message>
    <message>
        <source>Reward: {title}</source>
        <translation>Recompensa: {title}</translation>
    </message>
    <message>
        <source>Status: {before} → {after}</source>
        <translation>Estado: {before} → {after}</translation>
    </message>
    <message>
        <source>Status: {status} (unchanged)</source>
        <translation>Estado: {status} (sin cambios)</translation>
    </message>
</context>
<context>
    <name>ScanHistory</name>
    <message>
        <source>Scans this session</source>
        <translation>Escaneos de esta sesión</translation>
    </message>
    <message>
        <source>Every scan since Front Desk started, newest first</source>
        <translation>Cada escaneo desde que se abrió Front Desk, el más reciente primero</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>The USB scanner and typed codes still work.</source>
        <translation>El escáner USB y los códigos tecleados siguen funcionando.</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Which camera (or video file) to scan with</source>
        <translation>Con qué cámara (o archivo de vídeo) escanear</translation>
    </message>
    <message>
        <source>Start camera</source>
        <translation>Iniciar cámara</translation>
    </message>
    <message>
        <source>Start scanning</source>
        <translation>Empezar a escanear</translation>
    </message>
    <message>
        <source>Look for cameras</source>
        <translation>Buscar cámaras</translation>
    </message>
    <message>
        <source>Look again for cameras, e.g. after plugging one in</source>
        <translation>Buscar cámaras de nuevo, p. ej. tras conectar una</translation>
    </message>
    <message>
        <source>When a voucher is scanned</source>
        <translation>Al escanear un vale</translation>
    </message>
    <message>
        <source>Mark a usable voucher at once, or show it and mark it when you press Enter</source>
        <translation>Marcar un vale utilizable enseguida, o mostrarlo y marcarlo al pulsar Intro</translation>
    </message>
    <message>
        <source>Mark at once</source>
        <translation>Marcar enseguida</translation>
    </message>
    <message>
        <source>Confirm with Enter</source>
        <translation>Confirmar con Intro</translation>
    </message>
    <message>
        <source>Camera status</source>
        <translation>Estado de la cámara</translation>
    </message>
    <message>
        <source>Voucher code</source>
        <translation>Código del vale</translation>
    </message>
    <message>
        <source>Type the code printed under the barcode, then Enter</source>
        <translation>Escribe el código impreso bajo el código de barras y pulsa Intro</translation>
    </message>
    <message>
        <source>Type a voucher code and press Enter</source>
        <translation>Escribe un código de vale y pulsa Intro</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Cámara:</translation>
    </message>
    <message>
        <source>When a voucher is read:</source>
        <translation>Al leer un vale:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scans this session&lt;/b&gt;</source>
        <translation>&lt;b&gt;Escaneos de esta sesión&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Not marked: cancelled. Scan the voucher again to use it.</source>
        <translation>Sin marcar: cancelado. Escanea el vale de nuevo para usarlo.</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>Buscando cámaras…</translation>
    </message>
    <message>
        <source>No camera. {still_works}</source>
        <translation>No hay cámara. {still_works}</translation>
    </message>
    <message>
        <source>No camera was found. Plug one in and press “Look for cameras”. {still_works}</source>
        <translation>No se encontró ninguna cámara. Conecta una y pulsa «Buscar cámaras». {still_works}</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Iniciando la cámara…</translation>
    </message>
    <message>
        <source>Restart camera</source>
        <translation>Reiniciar cámara</translation>
    </message>
    <message>
        <source>Scanning with {camera}: hold the voucher&apos;s code up to it.</source>
        <translation>Escaneando con {camera}: acerca el código del vale.</translation>
    </message>
    <message>
        <source>Start camera again</source>
        <translation>Iniciar la cámara de nuevo</translation>
    </message>
    <message>
        <source>{problem} {still_works}</source>
        <translation>{problem} {still_works}</translation>
    </message>
</context>
<context>
    <name>Scans</name>
    <message>
        <source>“{title}” for {customer} is ready to use. Press Enter to mark it used.</source>
        <translation>«{title}» de {customer} está listo para usar. Pulsa Intro para marcarlo como usado.</translation>
    </message>
    <message>
        <source>{refusal} {problem}</source>
        <translation>{refusal} {problem}</translation>
    </message>
    <message>
        <source>The loyalty platform refused it: {reason} Nothing was marked.</source>
        <translation>La plataforma de fidelización lo rechazó: {reason} No se marcó nada.</translation>
    </message>
    <message>
        <source>“{title}” marked as used for {customer}. {answer}</source>
        <translation>«{title}» marcado como usado para {customer}. {answer}</translation>
    </message>
    <message>
        <source>{code} is the member number of {customer}, not a voucher. Nothing was marked.</source>
        <translation>{code} es el número de socio de {customer}, no un vale. No se marcó nada.</translation>
    </message>
    <message>
        <source>{problem} If it was redeemed a moment ago, sync and scan again, or search for the customer.</source>
        <translation>{problem} Si se canjeó hace un momento, sincroniza y vuelve a escanear, o busca al cliente.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>{count}+ customers.</source>
        <translation>{count}+ clientes.</translation>
    </message>
    <message>
        <source>{count} customer.</source>
        <translation>{count} cliente.</translation>
    </message>
    <message>
        <source>{count} customers.</source>
        <translation>{count} clientes.</translation>
    </message>
    <message>
        <source>Search by name, email, phone, member number or voucher code</source>
        <translation>Busca por nombre, correo, teléfono, número de socio o código de vale</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Results appear as you type</source>
        <translation>Los resultados aparecen mientras escribes</translation>
    </message>
    <message>
        <source>Customer search</source>
        <translation>Búsqueda de clientes</translation>
    </message>
    <message>
        <source>Type part of a name, email, phone or a code. Esc clears.</source>
        <translation>Escribe parte de un nombre, correo, teléfono o un código. Esc borra.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Arrow keys move; Enter or a click opens the customer.</source>
        <translation>Las flechas se mueven; Intro o un clic abre el cliente.</translation>
    </message>
    <message>
        <source>Start typing to find a customer.</source>
        <translation>Empieza a escribir para encontrar un cliente.</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>No customer matches “{query}”.</source>
        <translation>Ningún cliente coincide con «{query}».</translation>
    </message>
    <message>
        <source>its owner</source>
        <translation>su titular</translation>
    </message>
    <message>
        <source>{found} Voucher {code} is {owner}’s: it is highlighted in their profile.</source>
        <translation>{found} El vale {code} es de {owner}: está resaltado en su perfil.</translation>
    </message>
    <message>
        <source> Keep typing to narrow it down.</source>
        <translation> Sigue escribiendo para acotar.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Anywhere in the window</source>
        <translation>En cualquier parte de la ventana</translation>
    </message>
    <message>
        <source>Search and results</source>
        <translation>Búsqueda y resultados</translation>
    </message>
    <message>
        <source>Customer profile</source>
        <translation>Perfil del cliente</translation>
    </message>
    <message>
        <source>Status choice</source>
        <translation>Elección de estado</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Vales</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Go to the search field</source>
        <translation>Ir al campo de búsqueda</translation>
    </message>
    <message>
        <source>Customers page</source>
        <translation>Página de clientes</translation>
    </message>
    <message>
        <source>Mark Perks as Used page</source>
        <translation>Página Marcar ventajas como usadas</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>This list of keyboard shortcuts</source>
        <translation>Esta lista de atajos de teclado</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>Control siguiente o anterior</translation>
    </message>
    <message>
        <source>Press the button that has the focus</source>
        <translation>Pulsar el botón que tiene el foco</translation>
    </message>
    <message>
        <source>Move through the results: the highlighted customer is shown</source>
        <translation>Recorrer los resultados: se muestra el cliente resaltado</translation>
    </message>
    <message>
        <source>Open the highlighted customer (the focus goes to them)</source>
        <translation>Abrir el cliente resaltado (el foco pasa a él)</translation>
    </message>
    <message>
        <source>Clear the search; from the results, back to the field</source>
        <translation>Borrar la búsqueda; desde los resultados, volver al campo</translation>
    </message>
    <message>
        <source>Change the customer&apos;s program status</source>
        <translation>Cambiar el estado del cliente en el programa</translation>
    </message>
    <message>
        <source>Mark the selected voucher as used</source>
        <translation>Marcar como usado el vale seleccionado</translation>
    </message>
    <message>
        <source>Set the selected voucher back to unused</source>
        <translation>Devolver a sin usar el vale seleccionado</translation>
    </message>
    <message>
        <source>Back to the search field</source>
        <translation>Volver al campo de búsqueda</translation>
    </message>
    <message>
        <source>Move between the statuses offered</source>
        <translation>Moverse entre los estados ofrecidos</translation>
    </message>
    <message>
        <source>Save the status that has the focus</source>
        <translation>Guardar el estado que tiene el foco</translation>
    </message>
    <message>
        <source>Cancel: the status stays as it is</source>
        <translation>Cancelar: el estado queda como está</translation>
    </message>
    <message>
        <source>Set the voucher back with the reason typed</source>
        <translation>Devolver el vale con el motivo escrito</translation>
    </message>
    <message>
        <source>Leave the voucher as it is</source>
        <translation>Dejar el vale como está</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>{menu} menu</source>
        <translation>Menú {menu}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
    <message>
        <source>Every key the window answers to, by where it works</source>
        <translation>Todas las teclas a las que responde la ventana, según dónde funcionan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close this list (Esc)</source>
        <translation>Cerrar esta lista (Esc)</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <source>“{text}” is not a staff role.</source>
        <translation>«{text}» no es un rol de personal.</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>Empleado</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Only an employee or an admin can set a used voucher back to unused.</source>
        <translation>Solo un empleado o un administrador puede devolver a sin usar un vale usado.</translation>
    </message>
    <message>
        <source>Your role cannot mark vouchers as used.</source>
        <translation>Tu rol no puede marcar vales como usados.</translation>
    </message>
    <message>
        <source>Your role cannot change a customer&apos;s program status.</source>
        <translation>Tu rol no puede cambiar el estado de un cliente en el programa.</translation>
    </message>
</context>
<context>
    <name>StatusEditor</name>
    <message>
        <source>Change program status</source>
        <translation>Cambiar el estado en el programa</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>Cambiado mientras tanto</translation>
    </message>
    <message>
        <source>Why other statuses are not offered</source>
        <translation>Por qué no se ofrecen otros estados</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Apply the chosen status now</source>
        <translation>Aplicar ahora el estado elegido</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Guardar el estado</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Leave the status as it is</source>
        <translation>Dejar el estado como está</translation>
    </message>
    <message>
        <source>{name} is no longer in the loyalty program. There is no status to change.</source>
        <translation>{name} ya no está en el programa de fidelización. No hay ningún estado que cambiar.</translation>
    </message>
    <message>
        <source>{name} is now {status}. Choose again.</source>
        <translation>{name} ahora está {status}. Vuelve a elegir.</translation>
    </message>
    <message>
        <source>{status} can no longer be chosen: {why} Choose again.</source>
        <translation>Ya no se puede elegir {status}: {why} Vuelve a elegir.</translation>
    </message>
    <message>
        <source>Changed meanwhile: {what}</source>
        <translation>Cambiado mientras tanto: {what}</translation>
    </message>
    <message>
        <source>Now: &lt;b&gt;{status}&lt;/b&gt;. Change to:</source>
        <translation>Ahora: &lt;b&gt;{status}&lt;/b&gt;. Cambiar a:</translation>
    </message>
    <message>
        <source>Not in the program.</source>
        <translation>Fuera del programa.</translation>
    </message>
    <message>
        <source>Set {status}</source>
        <translation>Poner {status}</translation>
    </message>
    <message>
        <source>Not offered:</source>
        <translation>No se ofrece:</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The desk database {path} cannot be opened (check the file and its folder&apos;s permissions).</source>
        <translation>No se puede abrir la base de datos de recepción {path} (revisa los permisos del archivo y de su carpeta).</translation>
    </message>
    <message>
        <source>The desk database is busy (another Front Desk may be using it). Please try again in a moment.</source>
        <translation>La base de datos de recepción está ocupada (quizá la usa otro Front Desk). Vuelve a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The computer&apos;s disk is full, so nothing could be saved. Free some space and try again.</source>
        <translation>El disco del equipo está lleno, así que no se pudo guardar nada. Libera espacio y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The file {path} is not a Front Desk database or is damaged.</source>
        <translation>El archivo {path} no es una base de datos de Front Desk o está dañado.</translation>
    </message>
    <message>
        <source>The desk database {path} cannot be written (check the folder&apos;s permissions).</source>
        <translation>No se puede escribir en la base de datos de recepción {path} (revisa los permisos de la carpeta).</translation>
    </message>
    <message>
        <source>The desk database could not be read or written (the disk may be full or failing). Nothing was changed; please try again.</source>
        <translation>No se pudo leer ni escribir la base de datos de recepción (puede que el disco esté lleno o fallando). No se cambió nada; vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The desk database could not be used. Nothing was changed; please try again.</source>
        <translation>No se pudo usar la base de datos de recepción. No se cambió nada; vuelve a intentarlo.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Sign in to the loyalty platform to sync (Desk → Connect to platform…).</source>
        <translation>Inicia sesión en la plataforma de fidelización para sincronizar (Recepción → Conectar con la plataforma…).</translation>
    </message>
    <message>
        <source>Sign in with Desk → Connect to platform… to sync.</source>
        <translation>Inicia sesión con Recepción → Conectar con la plataforma… para sincronizar.</translation>
    </message>
    <message>
        <source>{problem} Sign in with Desk → Connect to platform… to sync.</source>
        <translation>{problem} Inicia sesión con Recepción → Conectar con la plataforma… para sincronizar.</translation>
    </message>
    <message>
        <source>Please sign in to the loyalty platform first.</source>
        <translation>Primero inicia sesión en la plataforma de fidelización.</translation>
    </message>
    <message>
        <source>The loyalty platform cannot be reached: {reason}.</source>
        <translation>No se puede contactar con la plataforma de fidelización: {reason}.</translation>
    </message>
    <message>
        <source>The loyalty platform refused a read: {reason}</source>
        <translation>La plataforma de fidelización rechazó una lectura: {reason}</translation>
    </message>
    <message>
        <source>Cannot sign in: {reason}.</source>
        <translation>No se puede iniciar sesión: {reason}.</translation>
    </message>
    <message>
        <source>This computer&apos;s password keychain could not store the sign-in. Sign in again next time.</source>
        <translation>El llavero de contraseñas de este equipo no pudo guardar el inicio de sesión. Vuelve a iniciar sesión la próxima vez.</translation>
    </message>
    <message>
        <source>The loyalty platform did not answer ({reason}).</source>
        <translation>La plataforma de fidelización no respondió ({reason}).</translation>
    </message>
    <message>
        <source>no complete answer from the platform ({error})</source>
        <translation>sin respuesta completa de la plataforma ({error})</translation>
    </message>
    <message>
        <source>the platform answered HTTP {status}</source>
        <translation>la plataforma respondió HTTP {status}</translation>
    </message>
    <message>
        <source>Loading the customers from the loyalty platform stopped before the end. What arrived is kept; the next sync goes on from there.</source>
        <translation>La carga de clientes desde la plataforma de fidelización se detuvo antes de terminar. Lo que llegó se conserva; la próxima sincronización sigue desde ahí.</translation>
    </message>
    <message>
        <source>Loading the customers from the loyalty platform failed. What arrived is kept; the details were written to the log for support.</source>
        <translation>La carga de clientes desde la plataforma de fidelización falló. Lo que llegó se conserva; los detalles se anotaron en el registro para el soporte técnico.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source>%n change(s) saved on this computer will be sent to the loyalty platform after the next sign-in. Nothing is lost.</source>
        <translation>
            <numerusform>%n cambio guardado en este equipo se enviará a la plataforma de fidelización tras el próximo inicio de sesión. No se pierde nada.</numerusform>
            <numerusform>%n cambios guardados en este equipo se enviarán a la plataforma de fidelización tras el próximo inicio de sesión. No se pierde nada.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved on this computer will be sent to the loyalty platform the next time Front Desk is online. Nothing is lost.</source>
        <translation>
            <numerusform>%n cambio guardado en este equipo se enviará a la plataforma de fidelización la próxima vez que Front Desk esté en línea. No se pierde nada.</numerusform>
            <numerusform>%n cambios guardados en este equipo se enviarán a la plataforma de fidelización la próxima vez que Front Desk esté en línea. No se pierde nada.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not connected to a platform</source>
        <translation>Sin conexión con una plataforma</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline — working on this computer</source>
        <translation>Sin conexión — trabajando en este equipo</translation>
    </message>
    <message>
        <source>Signed out — sign in to sync</source>
        <translation>Sesión cerrada — inicia sesión para sincronizar</translation>
    </message>
    <message>
        <source>Not syncing — this data belongs to another platform</source>
        <translation>Sin sincronizar — estos datos pertenecen a otra plataforma</translation>
    </message>
    <message>
        <source>Whether this desk can reach the loyalty platform</source>
        <translation>Si esta recepción puede contactar con la plataforma de fidelización</translation>
    </message>
    <message>
        <source>loading customers: {done}</source>
        <translation>cargando clientes: {done}</translation>
    </message>
    <message>
        <source>loading program statuses and vouchers: {done}</source>
        <translation>cargando estados en el programa y vales: {done}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios pendientes</translation>
    </message>
    <message>
        <source>Staff changes saved here and not yet accepted by the platform</source>
        <translation>Cambios del personal guardados aquí y aún no aceptados por la plataforma</translation>
    </message>
    <message>
        <source>Last good sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <source>When everything was last sent and received</source>
        <translation>Cuándo se envió y recibió todo por última vez</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <source>Changes the platform refused; click to see and acknowledge them</source>
        <translation>Cambios que la plataforma rechazó; haz clic para verlos y marcarlos como vistos</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch news from the platform now</source>
        <translation>Enviar ahora los cambios pendientes y traer las novedades de la plataforma</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n cambio pendiente</numerusform>
            <numerusform>%n cambios pendientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Última sincronización: {when}</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflicto</numerusform>
            <numerusform>%n conflictos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Something went wrong. Nothing was changed; the details were written to the log for support.</source>
        <translation>Algo salió mal. No se cambió nada; los detalles quedaron en el registro para el soporte.</translation>
    </message>
</context>
<context>
    <name>VoucherCard</name>
    <message>
        <source>{status} (waiting to sync)</source>
        <translation>{status} (pendiente de sincronizar)</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>Cambiado mientras tanto</translation>
    </message>
    <message>
        <source>Why? e.g. marked by mistake</source>
        <translation>¿Por qué? p. ej. marcado por error</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Required: why this voucher goes back to unused (kept in the log)</source>
        <translation>Obligatorio: por qué este vale vuelve a sin usar (queda en el registro)</translation>
    </message>
    <message>
        <source>{enter} sets it back, {esc} leaves it as it is.</source>
        <translation>{enter} lo devuelve, {esc} lo deja como está.</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Confirm set back to unused</source>
        <translation>Confirmar la devolución a sin usar</translation>
    </message>
    <message>
        <source>Set the voucher back to unused with this reason</source>
        <translation>Devolver el vale a sin usar con este motivo</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Voucher {code}: {title}, {status}</source>
        <translation>Vale {code}: {title}, {status}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; · code {code}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; · código {code}</translation>
    </message>
    <message>
        <source> · used {day}</source>
        <translation> · usado el {day}</translation>
    </message>
    <message>
        <source>Created {created} · expires {expires}</source>
        <translation>Creado el {created} · caduca el {expires}</translation>
    </message>
    <message>
        <source>Mark voucher {code} as used now</source>
        <translation>Marcar ahora como usado el vale {code}</translation>
    </message>
    <message>
        <source>Mark as used</source>
        <translation>Marcar como usado</translation>
    </message>
    <message>
        <source>Undo a mistaken mark; asks for a reason</source>
        <translation>Deshacer una marca hecha por error; pide un motivo</translation>
    </message>
    <message>
        <source>Set back to unused</source>
        <translation>Devolver a sin usar</translation>
    </message>
    <message>
        <source>Changed meanwhile: this voucher is now {status}, so there is nothing to set back.</source>
        <translation>Cambiado mientras tanto: este vale ahora está {status}, así que no hay nada que devolver.</translation>
    </message>
    <message>
        <source>The voucher searched for</source>
        <translation>El vale buscado</translation>
    </message>
</context>
<context>
    <name>VoucherList</name>
    <message>
        <source>No vouchers.</source>
        <translation>No hay vales.</translation>
    </message>
</context>
<context>
    <name>Vouchers</name>
    <message>
        <source>“{text}” is not a voucher status.</source>
        <translation>«{text}» no es un estado de vale.</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>Sin usar</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Usado</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>En proceso</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Anulado</translation>
    </message>
    <message>
        <source>This voucher holds a code the customer uses online; there is nothing to mark at the desk.</source>
        <translation>Este vale contiene un código que el cliente usa en línea; no hay nada que marcar en la recepción.</translation>
    </message>
    <message>
        <source>This voucher is being fulfilled automatically by the platform; it cannot be changed at the desk.</source>
        <translation>La plataforma está tramitando este vale automáticamente; no se puede cambiar en la recepción.</translation>
    </message>
    <message>
        <source>This voucher has expired and can no longer be used.</source>
        <translation>Este vale ha caducado y ya no se puede usar.</translation>
    </message>
    <message>
        <source>This voucher was cancelled (its redemption was voided) and cannot be used.</source>
        <translation>Este vale se canceló (su canje se anuló) y no se puede usar.</translation>
    </message>
    <message>
        <source>Already used on {at:day} at {at:time}, at {where}.</source>
        <translation>Ya se usó el {at:day} a las {at:time}, en {where}.</translation>
    </message>
    <message>
        <source>Already used on {at:day} at {at:time}.</source>
        <translation>Ya se usó el {at:day} a las {at:time}.</translation>
    </message>
    <message>
        <source>Already used, at {where}.</source>
        <translation>Ya se usó, en {where}.</translation>
    </message>
    <message>
        <source>Already used.</source>
        <translation>Ya se usó.</translation>
    </message>
    <message>
        <source>This voucher expired on {at:day} at {at:time} and can no longer be used.</source>
        <translation>Este vale caducó el {at:day} a las {at:time} y ya no se puede usar.</translation>
    </message>
    <message>
        <source>{why} Nothing was changed.</source>
        <translation>{why} No se cambió nada.</translation>
    </message>
    <message>
        <source>Ready to use.</source>
        <translation>Listo para usar.</translation>
    </message>
    <message>
        <source>Only a used voucher can be set back to unused; this one is {status}.</source>
        <translation>Solo un vale usado puede volver a sin usar; este está {status}.</translation>
    </message>
    <message>
        <source>Please give a reason for setting the voucher back to unused.</source>
        <translation>Indica un motivo para devolver el vale a sin usar.</translation>
    </message>
</context>
</TS>
