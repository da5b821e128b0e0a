package portolan.sandbox.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import portolan.sandbox.Host;
import portolan.sandbox.Isp;
import portolan.sandbox.Network;
import portolan.sandbox.wire.HttpResponse;

/** Cloud servers (note 002, second half): concept IDs C1–C6. */
class CloudScenarioTest {
    final Network net = new Network(77);
    final Isp kt = net.isp("KT", "59.6.64.0/20");
    final Host laptop = kt.subscribe(net.host("laptop"));
    final Cloud aws = Cloud.create(net, "aws-seoul", "3.34.0.0/16");
    final SecurityGroup sg = aws.securityGroup("sg-web");
    final KeyPair key = aws.createKeyPair("my-key");

    @Test
    @DisplayName("C1 C5: an instance is a rented computer: private address inside, public address at the edge; it hosts a web server")
    void c1c5InstanceWithPrivateAndPublicAddress() throws Exception {
        Instance web = aws.launch("web-1", sg, key);
        assertEquals("172.31.0.10", web.privateIp().toString());
        assertEquals("3.34.0.10", web.publicIp().toString());
        assertEquals(1, web.host().nics().size());
        assertFalse(web.host().toString().contains("3.34.0.10"), "the guest never sees its public address");
        sg.allow("TCP", 80, "0.0.0.0/0", "web");
        web.host().webServer("nginx", 80).route("/", req -> HttpResponse.text(200, "hosted"));
        WebResult r = laptop.http().get("http://3.34.0.10/");
        assertEquals("hosted", r.body(), r.explain());
        assertTrue(r.explain().contains("(NAT rewrote the destination 3.34.0.10:80 → 172.31.0.10:80)"), r.explain());
        assertTrue(aws.toString().contains("web-1"), aws.toString());
    }

    @Test
    @DisplayName("C2: a security group denies by default, allows by protocol, port and source; replies are allowed")
    void c2SecurityGroup() throws Exception {
        Instance web = aws.launch("web-1", sg, key);
        web.host().webServer("nginx", 80).page("/", "hi");
        WebResult denied = laptop.http().get("http://" + web.publicIp() + "/");
        assertFalse(denied.ok());
        assertTrue(denied.explain().contains("security group sg-web denies TCP 80 from " + laptop.ip()), denied.explain());
        sg.allow("TCP", 80, "10.0.0.0/8");
        assertFalse(laptop.http().get("http://" + web.publicIp() + "/").ok(), "the source range does not match");
        sg.allow("TCP", 80, kt.block().toString(), "KT subscribers");
        assertEquals("hi", laptop.http().get("http://" + web.publicIp() + "/").body());
        // stateful: the instance opens a connection out; the reply comes back with no inbound rule for it
        laptop.webServer("home", 8000).page("/", "from the laptop");
        WebResult out = web.host().http().get("http://" + laptop.ip() + ":8000/");
        assertEquals("from the laptop", out.body(), out.explain());
        assertTrue(sg.toString().contains("KT subscribers"), sg.toString());
    }

    @Test
    @DisplayName("C3: SSH on port 22 with the key pair; the key file must be private to its owner (chmod 400)")
    void c3KeyPairAndSsh() throws Exception {
        Instance web = aws.launch("web-1", sg, key);
        KeyFile pem = key.download("me");
        String target = "ubuntu@" + web.publicIp();
        IOException closed = assertThrows(IOException.class, () -> Ssh.login(laptop, target, pem.chmod(0400)));
        assertTrue(closed.getMessage().contains("port 22"), closed.getMessage());
        sg.allow("TCP", 22, "0.0.0.0/0", "ssh");
        pem.chmod(0644);
        IOException open = assertThrows(IOException.class, () -> Ssh.login(laptop, target, pem));
        assertTrue(open.getMessage().contains("Permissions 0644 for 'my-key.pem' are too open"), open.getMessage());
        assertEquals("-rw-r--r-- me my-key.pem", pem.toString());
        pem.chmod(0400);
        assertEquals("Welcome to web-1, ubuntu", Ssh.login(laptop, target, pem));
        KeyFile other = aws.createKeyPair("other-key").download("me").chmod(0400);
        IOException wrong = assertThrows(IOException.class, () -> Ssh.login(laptop, target, other));
        assertTrue(wrong.getMessage().contains("Permission denied (publickey)"), wrong.getMessage());
        assertEquals(1, web.sshd().logins());
    }

    @Test
    @DisplayName("C4: IAM users get only the permissions granted; elastic IPs survive stop/start")
    void c4UsersAndElasticIp() throws Exception {
        Instance web = aws.launch("web-1", sg, key);
        aws.user("ops", Cloud.Action.START_STOP);
        aws.signIn("ops");
        var before = web.publicIp();
        web.stop().start();
        assertNotEquals(before, web.publicIp(), "a plain public address changes at stop/start");
        SecurityException e = assertThrows(SecurityException.class, () -> sg.allow("TCP", 22, "0.0.0.0/0"));
        assertTrue(e.getMessage().contains("user ops is not allowed to add an inbound rule to sg-web"), e.getMessage());
        assertThrows(SecurityException.class, web::elasticIp);
        aws.signIn(null);
        var eip = web.elasticIp();
        web.stop().start();
        assertEquals(eip, web.publicIp());
        assertTrue(aws.toString().contains("user ops [START_STOP]"), aws.toString());
    }

    @Test
    @DisplayName("C6: runserver 127.0.0.1:8080 serves only the instance; 0:8080 serves outside if the SG allows 8080 and the Host is allowed")
    void c6RunserverBindAddress() throws Exception {
        Instance web = aws.launch("web-1", sg, key);
        String url = "http://" + web.publicIp() + ":8080/";
        sg.allow("TCP", 8080, "0.0.0.0/0");
        WebServer local = WebServer.on(web.host(), "runserver").bind("127.0.0.1").page("/", "app").start(8080);
        WebResult refused = laptop.http().get(url);
        assertTrue(refused.failure().contains("refused"), refused.explain());
        assertEquals("app", web.host().http().get("http://127.0.0.1:8080/").body());
        local.stop();
        sg.revoke("TCP", 8080);
        WebServer.on(web.host(), "runserver").page("/", "app").allowedHosts("myapp.example").start(8080);
        assertTrue(laptop.http().get(url).explain().contains("denies TCP 8080"));
        sg.allow("TCP", 8080, "0.0.0.0/0");
        WebResult badHost = laptop.http().get(url);
        assertEquals(400, badHost.status(), badHost.explain());
        assertTrue(badHost.body().contains("allowedHosts"), badHost.body());
        DnsServer dns = DnsServer.start(kt.subscribe(net.host("ns")));
        dns.add("myapp.example", web.publicIp().toString());
        laptop.dns(net.node("ns").ip().toString());
        assertEquals("app", laptop.http().get("http://myapp.example:8080/").body());
    }
}
